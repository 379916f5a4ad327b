CREATE TABLE "agent_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agent_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agent_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mail_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_notices_kind_check" CHECK ("agent_notices"."kind" in ('new_ticket', 'customer_replied'))
);
--> statement-breakpoint
CREATE TABLE "inbound_mail" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbound_mail_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"thread_message_id" bigint NOT NULL,
	"from_address" text NOT NULL,
	"subject" text NOT NULL,
	"original" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"matched_by" text NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_mail_matched_by_check" CHECK ("inbound_mail"."matched_by" in ('reply_address', 'subject_tag', 'new_ticket')),
	CONSTRAINT "inbound_mail_channel_check" CHECK ("inbound_mail"."channel" in ('smtp', 'imap'))
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_kind_check";--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "ticket_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "locale" text DEFAULT 'nl' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_notices" ADD CONSTRAINT "agent_notices_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_notices" ADD CONSTRAINT "agent_notices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_notices" ADD CONSTRAINT "agent_notices_mail_id_mail_outbox_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD CONSTRAINT "inbound_mail_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD CONSTRAINT "inbound_mail_thread_message_id_messages_id_fk" FOREIGN KEY ("thread_message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_notices_waiting_idx" ON "agent_notices" USING btree ("agent_id","id") WHERE "agent_notices"."mail_id" is null;--> statement-breakpoint
CREATE INDEX "agent_notices_mail_id_idx" ON "agent_notices" USING btree ("mail_id");--> statement-breakpoint
CREATE INDEX "agent_notices_ticket_id_idx" ON "agent_notices" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_mail_message_id_idx" ON "inbound_mail" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "inbound_mail_ticket_id_idx" ON "inbound_mail" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_mail_thread_message_id_idx" ON "inbound_mail" USING btree ("thread_message_id");--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_agent_id_created_at_idx" ON "mail_outbox" USING btree ("agent_id","created_at") WHERE "mail_outbox"."agent_id" is not null;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_locale_check" CHECK ("agents"."locale" in ('nl', 'en'));--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_recipient_check" CHECK (("mail_outbox"."kind" = 'notice') = ("mail_outbox"."agent_id" is not null and "mail_outbox"."ticket_id" is null));--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_kind_check" CHECK ("mail_outbox"."kind" in ('reply', 'solved', 'notice'));