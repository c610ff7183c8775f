CREATE TYPE "public"."custom_attribute_display_type" AS ENUM('text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox');--> statement-breakpoint
CREATE TYPE "public"."custom_attribute_model" AS ENUM('conversation_attribute', 'contact_attribute');--> statement-breakpoint
CREATE TABLE "contact_labels" (
	"account_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_labels_account_id_contact_id_label_id_pk" PRIMARY KEY("account_id","contact_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_labels" (
	"account_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_labels_account_id_conversation_id_label_id_pk" PRIMARY KEY("account_id","conversation_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"color" text DEFAULT '#1f93ff' NOT NULL,
	"show_on_sidebar" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"account_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_account_id_team_id_user_id_pk" PRIMARY KEY("account_id","team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"allow_auto_assign" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "custom_attribute_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"attribute_model" "custom_attribute_model" DEFAULT 'conversation_attribute' NOT NULL,
	"attribute_key" text NOT NULL,
	"attribute_display_name" text NOT NULL,
	"attribute_display_type" "custom_attribute_display_type" DEFAULT 'text' NOT NULL,
	"attribute_description" text,
	"attribute_values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"regex_pattern" text,
	"regex_cue" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "team_id" integer;--> statement-breakpoint
ALTER TABLE "contact_labels" ADD CONSTRAINT "contact_labels_account_id_contact_id_contacts_account_id_id_fk" FOREIGN KEY ("account_id","contact_id") REFERENCES "public"."contacts"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_labels" ADD CONSTRAINT "contact_labels_account_id_label_id_labels_account_id_id_fk" FOREIGN KEY ("account_id","label_id") REFERENCES "public"."labels"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_account_id_conversation_id_conversations_account_id_id_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_account_id_label_id_labels_account_id_id_fk" FOREIGN KEY ("account_id","label_id") REFERENCES "public"."labels"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_account_id_team_id_teams_account_id_id_fk" FOREIGN KEY ("account_id","team_id") REFERENCES "public"."teams"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_account_id_user_id_account_users_account_id_user_id_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."account_users"("account_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_attribute_definitions" ADD CONSTRAINT "custom_attribute_definitions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_labels_label_idx" ON "contact_labels" USING btree ("account_id","label_id","contact_id");--> statement-breakpoint
CREATE INDEX "conversation_labels_label_idx" ON "conversation_labels" USING btree ("account_id","label_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "labels_account_title_key" ON "labels" USING btree ("account_id",lower("title"));--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("account_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_account_name_key" ON "teams" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "custom_attribute_definitions_key" ON "custom_attribute_definitions" USING btree ("account_id","attribute_model","attribute_key");--> statement-breakpoint
CREATE INDEX "custom_attribute_definitions_account_idx" ON "custom_attribute_definitions" USING btree ("account_id","attribute_model","position");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_team_list_idx" ON "conversations" USING btree ("account_id","team_id","status","last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST);