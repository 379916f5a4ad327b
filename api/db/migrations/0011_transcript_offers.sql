ALTER TABLE "messages" ADD COLUMN "offered" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "choice" jsonb;