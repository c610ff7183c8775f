CREATE TABLE "request_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_inboxes" ADD COLUMN "pubsub_token" text;--> statement-breakpoint
ALTER TABLE "contact_inboxes" ADD COLUMN "hmac_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "request_counters_window_idx" ON "request_counters" USING btree ("window_started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_inboxes_pubsub_token_key" ON "contact_inboxes" USING btree ("pubsub_token");