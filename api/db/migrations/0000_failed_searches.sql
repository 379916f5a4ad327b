CREATE TABLE "failed_searches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "failed_searches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"query" text NOT NULL,
	"locale" text NOT NULL,
	"result_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "failed_searches_locale_check" CHECK ("failed_searches"."locale" in ('nl', 'en')),
	CONSTRAINT "failed_searches_result_count_check" CHECK ("failed_searches"."result_count" >= 0)
);
--> statement-breakpoint
CREATE INDEX "failed_searches_locale_created_at_idx" ON "failed_searches" USING btree ("locale","created_at");