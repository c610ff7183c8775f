CREATE TYPE "public"."email_api_provider" AS ENUM('mailgun');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('conversation_assignment', 'assigned_conversation_new_message', 'inbox_reconnect_needed');--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"notification_type" "notification_type" NOT NULL,
	"conversation_id" integer,
	"inbox_id" integer,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_email" ADD COLUMN "email_api_provider" "email_api_provider";--> statement-breakpoint
ALTER TABLE "channel_email" ADD COLUMN "email_api_domain" text;--> statement-breakpoint
ALTER TABLE "channel_email" ADD COLUMN "email_api_base_url" text;--> statement-breakpoint
ALTER TABLE "channel_email" ADD COLUMN "email_api_key_enc" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_conversation_id_conversations_account_id_id_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_list_idx" ON "notifications" USING btree ("account_id","user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);