CREATE TYPE "public"."email_delivery_status" AS ENUM('queued', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."email_health" AS ENUM('ok', 'error', 'reconnect_needed');--> statement-breakpoint
CREATE TYPE "public"."email_provider" AS ENUM('password', 'google', 'microsoft');--> statement-breakpoint
CREATE TYPE "public"."imap_after_import" AS ENUM('move', 'mark_seen', 'leave');--> statement-breakpoint
CREATE TYPE "public"."raw_email_source" AS ENUM('imap', 'relay', 'mailgun', 'sendgrid', 'postmark', 'mandrill', 'graph', 'api');--> statement-breakpoint
CREATE TYPE "public"."raw_email_status" AS ENUM('pending', 'imported', 'quarantined', 'ignored');--> statement-breakpoint
CREATE TABLE "channel_email" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"email" text NOT NULL,
	"forwarding_token" text NOT NULL,
	"provider" "email_provider" DEFAULT 'password' NOT NULL,
	"imap_enabled" boolean DEFAULT false NOT NULL,
	"imap_address" text,
	"imap_port" integer DEFAULT 993 NOT NULL,
	"imap_login" text,
	"imap_password_enc" text,
	"imap_enable_ssl" boolean DEFAULT true NOT NULL,
	"imap_folder" text DEFAULT 'INBOX' NOT NULL,
	"imap_processed_folder" text DEFAULT 'Processed' NOT NULL,
	"imap_after_import" "imap_after_import" DEFAULT 'move' NOT NULL,
	"poll_interval_seconds" integer DEFAULT 60 NOT NULL,
	"smtp_enabled" boolean DEFAULT false NOT NULL,
	"smtp_address" text,
	"smtp_port" integer DEFAULT 587 NOT NULL,
	"smtp_login" text,
	"smtp_password_enc" text,
	"smtp_domain" text,
	"smtp_enable_ssl_tls" boolean DEFAULT false NOT NULL,
	"smtp_enable_starttls_auto" boolean DEFAULT true NOT NULL,
	"smtp_authentication" text DEFAULT 'login' NOT NULL,
	"health" "email_health" DEFAULT 'ok' NOT NULL,
	"last_poll_at" timestamp with time zone,
	"last_successful_poll_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone,
	"backfill_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"message_id" bigint NOT NULL,
	"status" "email_delivery_status" DEFAULT 'queued' NOT NULL,
	"transport" text NOT NULL,
	"internet_message_id" text NOT NULL,
	"envelope" jsonb,
	"raw" "bytea",
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"provider_response" text,
	"provider_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_deliveries_message_key" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "mailbox_cursors" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"highest_modseq" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "raw_emails" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"source" "raw_email_source" NOT NULL,
	"source_ref" text,
	"dedupe_key" text NOT NULL,
	"sha256" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"status" "raw_email_status" DEFAULT 'pending' NOT NULL,
	"error" text,
	"archive" boolean DEFAULT false NOT NULL,
	"message_id" bigint,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "channel_email" ADD CONSTRAINT "channel_email_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_account_id_conversation_id_conversations_account_id_id_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_account_id_contact_id_contacts_account_id_id_fk" FOREIGN KEY ("account_id","contact_id") REFERENCES "public"."contacts"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_cursors" ADD CONSTRAINT "mailbox_cursors_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raw_emails" ADD CONSTRAINT "raw_emails_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raw_emails" ADD CONSTRAINT "raw_emails_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_email_account_idx" ON "channel_email" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_email_forwarding_token_key" ON "channel_email" USING btree ("forwarding_token");--> statement-breakpoint
CREATE INDEX "channel_email_email_idx" ON "channel_email" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "channel_email_due_idx" ON "channel_email" USING btree ("next_poll_at") WHERE "channel_email"."imap_enabled";--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_key" ON "conversation_participants" USING btree ("conversation_id","contact_id");--> statement-breakpoint
CREATE INDEX "email_deliveries_internet_message_id_idx" ON "email_deliveries" USING btree ("inbox_id","internet_message_id");--> statement-breakpoint
CREATE INDEX "email_deliveries_account_idx" ON "email_deliveries" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "mailbox_cursors_inbox_folder_key" ON "mailbox_cursors" USING btree ("inbox_id","folder");--> statement-breakpoint
CREATE UNIQUE INDEX "raw_emails_inbox_dedupe_key" ON "raw_emails" USING btree ("inbox_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "raw_emails_account_status_idx" ON "raw_emails" USING btree ("account_id","inbox_id","status");--> statement-breakpoint
CREATE INDEX "messages_inbox_source_idx" ON "messages" USING btree ("inbox_id","source_id") WHERE "messages"."source_id" is not null;