CREATE TABLE "report_daily_article_effort" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"article_id" text NOT NULL,
	"count" integer NOT NULL,
	"total" integer NOT NULL,
	CONSTRAINT "report_daily_article_effort_day_locale_article_id_pk" PRIMARY KEY("day","locale","article_id"),
	CONSTRAINT "report_daily_article_effort_locale_check" CHECK ("report_daily_article_effort"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "report_daily_article_feedback" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"helpful" integer NOT NULL,
	"not_helpful" integer NOT NULL,
	CONSTRAINT "report_daily_article_feedback_day_locale_pk" PRIMARY KEY("day","locale"),
	CONSTRAINT "report_daily_article_feedback_locale_check" CHECK ("report_daily_article_feedback"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "report_daily_conversations" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"with_question" integer NOT NULL,
	"deflected" integer NOT NULL,
	CONSTRAINT "report_daily_conversations_day_locale_pk" PRIMARY KEY("day","locale"),
	CONSTRAINT "report_daily_conversations_locale_check" CHECK ("report_daily_conversations"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "report_daily_csat" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"score" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "report_daily_csat_day_locale_score_pk" PRIMARY KEY("day","locale","score"),
	CONSTRAINT "report_daily_csat_score_check" CHECK ("report_daily_csat"."score" between 1 and 5),
	CONSTRAINT "report_daily_csat_locale_check" CHECK ("report_daily_csat"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "report_daily_effort" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"source" text NOT NULL,
	"score" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "report_daily_effort_day_locale_source_score_pk" PRIMARY KEY("day","locale","source","score"),
	CONSTRAINT "report_daily_effort_source_check" CHECK ("report_daily_effort"."source" in ('widget', 'article')),
	CONSTRAINT "report_daily_effort_score_check" CHECK ("report_daily_effort"."score" between 1 and 5),
	CONSTRAINT "report_daily_effort_locale_check" CHECK ("report_daily_effort"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "report_daily_outcomes" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"outcome" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "report_daily_outcomes_day_locale_outcome_pk" PRIMARY KEY("day","locale","outcome"),
	CONSTRAINT "report_daily_outcomes_outcome_check" CHECK ("report_daily_outcomes"."outcome" in ('answer', 'clarify', 'nomatch', 'rule', 'handoff')),
	CONSTRAINT "report_daily_outcomes_locale_check" CHECK ("report_daily_outcomes"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "report_rollup_days" (
	"day" date PRIMARY KEY NOT NULL,
	"rolled_up_at" timestamp with time zone DEFAULT now() NOT NULL
);
