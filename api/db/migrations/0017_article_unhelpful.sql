CREATE TABLE "article_unhelpful" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "article_unhelpful_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"article_id" text NOT NULL,
	"locale" text NOT NULL,
	"why" text NOT NULL,
	"comment" text,
	"comment_deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_unhelpful_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "article_unhelpful_why_check" CHECK ("article_unhelpful"."why" in ('no_answer', 'unclear', 'outdated', 'other')),
	CONSTRAINT "article_unhelpful_locale_check" CHECK ("article_unhelpful"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE INDEX "article_unhelpful_locale_created_at_idx" ON "article_unhelpful" USING btree ("locale","created_at","article_id");--> statement-breakpoint
CREATE INDEX "article_unhelpful_comment_created_at_idx" ON "article_unhelpful" USING btree ("created_at") WHERE "article_unhelpful"."comment" is not null;