CREATE TYPE "public"."sla_event_type" AS ENUM('frt', 'nrt', 'rt');--> statement-breakpoint
CREATE TYPE "public"."sla_status" AS ENUM('active', 'hit', 'missed', 'active_with_misses');--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'sla_missed_first_response';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'sla_missed_next_response';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'sla_missed_resolution';--> statement-breakpoint
CREATE TABLE "applied_slas" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"sla_policy_id" integer NOT NULL,
	"status" "sla_status" DEFAULT 'active' NOT NULL,
	"frt_due_at" timestamp with time zone,
	"nrt_due_at" timestamp with time zone,
	"rt_due_at" timestamp with time zone,
	"outcomes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_due_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applied_slas_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"applied_sla_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"sla_policy_id" integer NOT NULL,
	"event_type" "sla_event_type" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"first_response_seconds" integer,
	"next_response_seconds" integer,
	"resolution_seconds" integer,
	"only_during_business_hours" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
ALTER TABLE "applied_slas" ADD CONSTRAINT "applied_slas_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_slas" ADD CONSTRAINT "applied_slas_account_id_conversation_id_conversations_account_id_id_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_slas" ADD CONSTRAINT "applied_slas_account_id_sla_policy_id_sla_policies_account_id_id_fk" FOREIGN KEY ("account_id","sla_policy_id") REFERENCES "public"."sla_policies"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_account_id_applied_sla_id_applied_slas_account_id_id_fk" FOREIGN KEY ("account_id","applied_sla_id") REFERENCES "public"."applied_slas"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applied_slas_conversation_key" ON "applied_slas" USING btree ("account_id","conversation_id");--> statement-breakpoint
CREATE INDEX "applied_slas_policy_idx" ON "applied_slas" USING btree ("account_id","sla_policy_id");--> statement-breakpoint
CREATE INDEX "applied_slas_running_idx" ON "applied_slas" USING btree ("next_due_at","id") WHERE "applied_slas"."status" in ('active', 'active_with_misses');--> statement-breakpoint
CREATE INDEX "applied_slas_breached_idx" ON "applied_slas" USING btree ("account_id","breached_at") WHERE "applied_slas"."breached_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_events_breach_key" ON "sla_events" USING btree ("applied_sla_id","sla_policy_id","event_type","due_at");--> statement-breakpoint
CREATE INDEX "sla_events_conversation_idx" ON "sla_events" USING btree ("account_id","conversation_id");--> statement-breakpoint
CREATE INDEX "sla_policies_account_idx" ON "sla_policies" USING btree ("account_id");