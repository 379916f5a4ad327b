CREATE TABLE "ticket_presence" (
	"ticket_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"typing_at" timestamp with time zone,
	CONSTRAINT "ticket_presence_ticket_id_agent_id_pk" PRIMARY KEY("ticket_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "content_gap_dismissals" (
	"locale" text NOT NULL,
	"key" text NOT NULL,
	"wording" text NOT NULL,
	"dismissed_by" uuid,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_gap_dismissals_locale_key_pk" PRIMARY KEY("locale","key"),
	CONSTRAINT "content_gap_dismissals_locale_check" CHECK ("content_gap_dismissals"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "notify_by_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "phrasing_suggestions" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "phrasing_suggestions" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "report_daily_conversations" ADD COLUMN "handed_off" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup_days" ADD COLUMN "definitions" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_presence" ADD CONSTRAINT "ticket_presence_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_presence" ADD CONSTRAINT "ticket_presence_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_gap_dismissals" ADD CONSTRAINT "content_gap_dismissals_dismissed_by_agents_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_presence_seen_at_idx" ON "ticket_presence" USING btree ("seen_at");--> statement-breakpoint
ALTER TABLE "phrasing_suggestions" ADD CONSTRAINT "phrasing_suggestions_approved_by_agents_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;