ALTER TABLE "accounts" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "working_hours_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "out_of_office_message" text;