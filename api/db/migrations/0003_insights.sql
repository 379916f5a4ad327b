CREATE TABLE "article_feedback" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "article_feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"article_id" text NOT NULL,
	"locale" text NOT NULL,
	"helpful" boolean,
	"ces" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_feedback_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "article_feedback_ces_check" CHECK ("article_feedback"."ces" between 1 and 5),
	CONSTRAINT "article_feedback_locale_check" CHECK ("article_feedback"."locale" in ('nl', 'en')),
	CONSTRAINT "article_feedback_something_check" CHECK ("article_feedback"."helpful" is not null or "article_feedback"."ces" is not null)
);
--> statement-breakpoint
CREATE TABLE "csat_responses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "csat_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_id" uuid,
	"score" smallint NOT NULL,
	"locale" text NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csat_responses_score_check" CHECK ("csat_responses"."score" between 1 and 5),
	CONSTRAINT "csat_responses_locale_check" CHECK ("csat_responses"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "phrasing_suggestions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "phrasing_suggestions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"article_id" text,
	"locale" text NOT NULL,
	"text" text NOT NULL,
	"proposed_title" text,
	"source" text NOT NULL,
	"source_ref" text,
	"agent_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pulled_at" timestamp with time zone,
	CONSTRAINT "phrasing_suggestions_source_check" CHECK ("phrasing_suggestions"."source" in ('ticket', 'nomatch', 'gap', 'search')),
	CONSTRAINT "phrasing_suggestions_status_check" CHECK ("phrasing_suggestions"."status" in ('pending', 'pulled', 'rejected')),
	CONSTRAINT "phrasing_suggestions_locale_check" CHECK ("phrasing_suggestions"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	"last_result" jsonb
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"webhook_id" uuid NOT NULL,
	"event" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"ticket_id" uuid,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("webhook_deliveries"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"format" text NOT NULL,
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhooks_format_check" CHECK ("webhooks"."format" in ('slack', 'json'))
);
--> statement-breakpoint
ALTER TABLE "conversation_events" DROP CONSTRAINT "conversation_events_type_check";--> statement-breakpoint
ALTER TABLE "ces_responses" DROP CONSTRAINT "ces_responses_conversation_id_conversations_id_fk";
--> statement-breakpoint
ALTER TABLE "conversation_events" DROP CONSTRAINT "conversation_events_conversation_id_conversations_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_conversation_id_conversations_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "conversation_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "customer_email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "csat_token_hash" text;--> statement-breakpoint
ALTER TABLE "csat_responses" ADD CONSTRAINT "csat_responses_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phrasing_suggestions" ADD CONSTRAINT "phrasing_suggestions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_feedback_locale_created_at_idx" ON "article_feedback" USING btree ("locale","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "csat_responses_ticket_id_idx" ON "csat_responses" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "csat_responses_created_at_idx" ON "csat_responses" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "phrasing_suggestions_status_idx" ON "phrasing_suggestions" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_webhook_id_dedupe_key_idx" ON "webhook_deliveries" USING btree ("webhook_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_events_conversation_id_idx" ON "conversation_events" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "tickets_created_at_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_csat_token_hash_idx" ON "tickets" USING btree ("csat_token_hash");--> statement-breakpoint
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_type_check" CHECK ("conversation_events"."type" in ('outcome', 'helpful', 'handoff'));--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_email_check" CHECK ("tickets"."customer_email" is not null or "tickets"."anonymised_at" is not null);