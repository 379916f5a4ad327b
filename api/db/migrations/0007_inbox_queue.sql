CREATE TABLE "saved_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_replies_locale_check" CHECK ("saved_replies"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_replies_locale_title_idx" ON "saved_replies" USING btree ("locale","title");--> statement-breakpoint
CREATE INDEX "messages_body_dutch_fts_idx" ON "messages" USING gin (to_tsvector('dutch', "body"));--> statement-breakpoint
CREATE INDEX "messages_body_english_fts_idx" ON "messages" USING gin (to_tsvector('english', "body"));--> statement-breakpoint
CREATE INDEX "tickets_waiting_since_idx" ON "tickets" USING btree ("waiting_since","created_at");