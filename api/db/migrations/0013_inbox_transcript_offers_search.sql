DROP INDEX "messages_body_dutch_fts_idx";--> statement-breakpoint
DROP INDEX "messages_body_english_fts_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "offered" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "choice" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', "body") || to_tsvector('english', "body")) STORED;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower("number" || ' ' || "subject" || ' ' || coalesce("customer_email", '') || ' ' || coalesce("customer_name", ''))) STORED;--> statement-breakpoint
CREATE INDEX "messages_search_vector_idx" ON "messages" USING gin ("search_vector");