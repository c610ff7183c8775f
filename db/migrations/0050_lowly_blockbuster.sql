ALTER TABLE "accounts" ADD COLUMN "reporting_time_zone" text;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "csat_config" jsonb DEFAULT '{}'::jsonb NOT NULL;