ALTER TABLE "users" ADD COLUMN "message_signature" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "signature_on_replies" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "email_signature" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "content_html" text;