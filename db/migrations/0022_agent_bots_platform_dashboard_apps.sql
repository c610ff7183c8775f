ALTER TYPE "public"."notification_type" ADD VALUE 'conversation_handoff';--> statement-breakpoint
CREATE TABLE "agent_bot_inboxes" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"agent_bot_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_bots" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer,
	"name" text NOT NULL,
	"description" text,
	"outgoing_url" text,
	"avatar_url" text,
	"bot_type" text DEFAULT 'webhook' NOT NULL,
	"bot_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"access_token_hash" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_bots_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "platform_app_permissibles" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_app_id" integer NOT NULL,
	"permissible_type" text NOT NULL,
	"permissible_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_apps" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"access_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_login_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_apps" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"user_id" integer,
	"title" text NOT NULL,
	"content" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "domain" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "support_email" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "limits" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_bot_inboxes" ADD CONSTRAINT "agent_bot_inboxes_account_id_inbox_id_inboxes_account_id_id_fk" FOREIGN KEY ("account_id","inbox_id") REFERENCES "public"."inboxes"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_bot_inboxes" ADD CONSTRAINT "agent_bot_inboxes_account_id_agent_bot_id_agent_bots_account_id_id_fk" FOREIGN KEY ("account_id","agent_bot_id") REFERENCES "public"."agent_bots"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_bots" ADD CONSTRAINT "agent_bots_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_app_permissibles" ADD CONSTRAINT "platform_app_permissibles_platform_app_id_platform_apps_id_fk" FOREIGN KEY ("platform_app_id") REFERENCES "public"."platform_apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_login_tokens" ADD CONSTRAINT "user_login_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_apps" ADD CONSTRAINT "dashboard_apps_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_apps" ADD CONSTRAINT "dashboard_apps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_bot_inboxes_inbox_key" ON "agent_bot_inboxes" USING btree ("inbox_id");--> statement-breakpoint
CREATE INDEX "agent_bot_inboxes_bot_idx" ON "agent_bot_inboxes" USING btree ("account_id","agent_bot_id");--> statement-breakpoint
CREATE INDEX "agent_bots_account_idx" ON "agent_bots" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_bots_access_token_hash_key" ON "agent_bots" USING btree ("access_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_app_permissibles_key" ON "platform_app_permissibles" USING btree ("platform_app_id","permissible_type","permissible_id");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_apps_access_token_hash_key" ON "platform_apps" USING btree ("access_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "user_login_tokens_hash_key" ON "user_login_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_login_tokens_user_idx" ON "user_login_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dashboard_apps_account_idx" ON "dashboard_apps" USING btree ("account_id");