ALTER TABLE "tickets" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_body_dutch_fts_idx" ON "messages" USING gin (to_tsvector('dutch', "body"));--> statement-breakpoint
CREATE INDEX "messages_body_english_fts_idx" ON "messages" USING gin (to_tsvector('english', "body"));--> statement-breakpoint
CREATE INDEX "tickets_waiting_since_idx" ON "tickets" USING btree ("waiting_since","created_at");