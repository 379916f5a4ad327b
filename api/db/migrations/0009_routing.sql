CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"locale" text,
	"category_id" text,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"team_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_locale_check" CHECK ("routing_rules"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"last_turn" bigint,
	CONSTRAINT "team_members_team_id_agent_id_pk" PRIMARY KEY("team_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"turn" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "reason_category_id" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "reason_article_id" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "entry_page" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "entry_article_id" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "device" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "status" text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "open_ticket_cap" integer;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("position","id");--> statement-breakpoint
CREATE INDEX "team_members_agent_id_idx" ON "team_members" USING btree ("agent_id");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_customer_email_lower_idx" ON "tickets" USING btree (lower("customer_email"),"created_at");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_device_check" CHECK ("tickets"."device" in ('mobile', 'tablet', 'desktop'));--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_status_check" CHECK ("agents"."status" in ('available', 'away'));--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_open_ticket_cap_check" CHECK ("agents"."open_ticket_cap" >= 0);