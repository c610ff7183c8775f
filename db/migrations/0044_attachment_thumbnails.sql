ALTER TABLE "attachments" ADD COLUMN "thumbnail" "bytea";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "width" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "height" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "thumbnail_tried_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "attachments_thumbnail_pending_idx" ON "attachments" USING btree ("id") WHERE "attachments"."file_type" = 'image' and "attachments"."thumbnail_tried_at" is null and "attachments"."data" is not null;