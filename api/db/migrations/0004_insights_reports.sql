DROP INDEX "conversation_events_type_created_at_idx";--> statement-breakpoint
ALTER TABLE "failed_searches" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE INDEX "article_feedback_created_at_report_idx" ON "article_feedback" USING btree ("created_at","locale","ces","helpful","article_id");--> statement-breakpoint
CREATE INDEX "ces_responses_created_at_report_idx" ON "ces_responses" USING btree ("created_at","locale","score","article_id");--> statement-breakpoint
CREATE INDEX "conversation_events_type_created_at_report_idx" ON "conversation_events" USING btree ("type","created_at","locale","action","conversation_id");--> statement-breakpoint
CREATE INDEX "conversation_events_nomatch_idx" ON "conversation_events" USING btree ("locale","created_at") WHERE "conversation_events"."type" = 'outcome' and "conversation_events"."action" = 'nomatch' and "conversation_events"."question" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "failed_searches_idempotency_key_idx" ON "failed_searches" USING btree ("idempotency_key");