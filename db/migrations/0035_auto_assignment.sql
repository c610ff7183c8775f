ALTER TABLE "inboxes" ALTER COLUMN "enable_auto_assignment" SET DEFAULT false;--> statement-breakpoint
ALTER TABLE "inbox_members" ADD COLUMN "last_auto_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "auto_assignment_limit" integer;--> statement-breakpoint
CREATE INDEX "conversations_unassigned_open_idx" ON "conversations" USING btree ("account_id","inbox_id","waiting_since","id") WHERE "conversations"."status" = 'open' and "conversations"."assignee_id" is null;--> statement-breakpoint
-- The switch did nothing before auto-assignment existed: keep every existing inbox as it behaved (off).
UPDATE "inboxes" SET "enable_auto_assignment" = false;
