CREATE TYPE "public"."custom_filter_type" AS ENUM('conversation', 'contact', 'report');--> statement-breakpoint
CREATE TABLE "custom_filters" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"filter_type" "custom_filter_type" DEFAULT 'conversation' NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custom_filters" ADD CONSTRAINT "custom_filters_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_filters" ADD CONSTRAINT "custom_filters_account_id_user_id_account_users_account_id_user_id_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."account_users"("account_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custom_filters_user_idx" ON "custom_filters" USING btree ("account_id","user_id","filter_type");--> statement-breakpoint
CREATE INDEX "conversations_created_list_idx" ON "conversations" USING btree ("account_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_status_priority_idx" ON "conversations" USING btree ("account_id","status","priority","last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_waiting_list_idx" ON "conversations" USING btree ("account_id","status","waiting_since","id");