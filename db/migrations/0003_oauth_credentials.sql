CREATE TYPE "public"."oauth_provider" AS ENUM('google', 'microsoft');--> statement-breakpoint
CREATE TYPE "public"."oauth_transport" AS ENUM('imap_smtp', 'imap_api', 'graph');--> statement-breakpoint
CREATE TABLE "oauth_credentials" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"provider" "oauth_provider" NOT NULL,
	"transport" "oauth_transport" NOT NULL,
	"mailbox_address" text NOT NULL,
	"delegate_email" text,
	"tenant" text,
	"scopes" text NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"access_token_enc" text,
	"access_token_expires_at" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_credentials" ADD CONSTRAINT "oauth_credentials_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_credentials_inbox_key" ON "oauth_credentials" USING btree ("inbox_id");--> statement-breakpoint
CREATE INDEX "oauth_credentials_account_idx" ON "oauth_credentials" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "oauth_credentials_expiry_idx" ON "oauth_credentials" USING btree ("access_token_expires_at");