CREATE TYPE "public"."automation_run_outcome" AS ENUM('fired', 'not_matched', 'failed', 'limited');--> statement-breakpoint
CREATE TYPE "public"."macro_visibility" AS ENUM('personal', 'global');--> statement-breakpoint
CREATE TABLE "automation_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"event_key" text NOT NULL,
	"event_name" text NOT NULL,
	"conversation_id" integer,
	"message_id" bigint,
	"changed_attributes" jsonb,
	"depth" integer DEFAULT 0 NOT NULL,
	"caused_by_rule_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_rule_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"rule_id" integer NOT NULL,
	"event_id" bigint NOT NULL,
	"conversation_id" integer,
	"display_id" integer,
	"outcome" "automation_run_outcome" NOT NULL,
	"reason" text NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"event_name" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"condition_tree" jsonb,
	"actions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"threshold_minutes" integer,
	"created_by_id" integer,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_rules_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "macros" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"visibility" "macro_visibility" DEFAULT 'personal' NOT NULL,
	"created_by_id" integer,
	"updated_by_id" integer,
	"actions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "automation_events" ADD CONSTRAINT "automation_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rule_runs" ADD CONSTRAINT "automation_rule_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rule_runs" ADD CONSTRAINT "automation_rule_runs_account_id_rule_id_automation_rules_account_id_id_fk" FOREIGN KEY ("account_id","rule_id") REFERENCES "public"."automation_rules"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_events_key" ON "automation_events" USING btree ("account_id","event_key");--> statement-breakpoint
CREATE INDEX "automation_events_name_idx" ON "automation_events" USING btree ("account_id","event_name","id");--> statement-breakpoint
CREATE INDEX "automation_events_pending_idx" ON "automation_events" USING btree ("account_id","id") WHERE "automation_events"."processed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_rule_runs_event_key" ON "automation_rule_runs" USING btree ("rule_id","event_id");--> statement-breakpoint
CREATE INDEX "automation_rule_runs_rule_idx" ON "automation_rule_runs" USING btree ("account_id","rule_id","id");--> statement-breakpoint
CREATE INDEX "automation_rule_runs_conversation_idx" ON "automation_rule_runs" USING btree ("account_id","conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "automation_rules_account_idx" ON "automation_rules" USING btree ("account_id","active","event_name");--> statement-breakpoint
CREATE INDEX "macros_account_idx" ON "macros" USING btree ("account_id","visibility","created_by_id");