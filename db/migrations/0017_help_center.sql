CREATE TYPE "public"."article_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TABLE "articles" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"portal_id" integer NOT NULL,
	"category_id" integer,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"content" text DEFAULT '' NOT NULL,
	"status" "article_status" DEFAULT 'draft' NOT NULL,
	"author_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"associated_article_id" integer,
	"views" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"portal_id" integer NOT NULL,
	"locale" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"icon" text,
	"position" integer DEFAULT 0 NOT NULL,
	"parent_category_id" integer,
	"associated_category_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "help_center_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"portal_id" integer NOT NULL,
	"key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portals" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"page_title" text,
	"header_text" text,
	"color" text,
	"homepage_link" text,
	"custom_domain" text,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"allowed_locales" text[] DEFAULT ARRAY['en']::text[] NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"logo_file_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portals_account_id_id_key" UNIQUE("account_id","id")
);
--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_associated_article_id_articles_id_fk" FOREIGN KEY ("associated_article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_account_id_portal_id_portals_account_id_id_fk" FOREIGN KEY ("account_id","portal_id") REFERENCES "public"."portals"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_category_id_categories_id_fk" FOREIGN KEY ("parent_category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_associated_category_id_categories_id_fk" FOREIGN KEY ("associated_category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_account_id_portal_id_portals_account_id_id_fk" FOREIGN KEY ("account_id","portal_id") REFERENCES "public"."portals"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_files" ADD CONSTRAINT "help_center_files_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_files" ADD CONSTRAINT "help_center_files_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_files" ADD CONSTRAINT "help_center_files_account_id_portal_id_portals_account_id_id_fk" FOREIGN KEY ("account_id","portal_id") REFERENCES "public"."portals"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals" ADD CONSTRAINT "portals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "articles_portal_slug_key" ON "articles" USING btree ("portal_id","slug");--> statement-breakpoint
CREATE INDEX "articles_public_list_idx" ON "articles" USING btree ("portal_id","locale","category_id","position") WHERE "articles"."status" = 'published';--> statement-breakpoint
CREATE INDEX "articles_portal_status_idx" ON "articles" USING btree ("portal_id","status");--> statement-breakpoint
CREATE INDEX "articles_account_idx" ON "articles" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "articles_author_idx" ON "articles" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "articles_category_idx" ON "articles" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "articles_associated_idx" ON "articles" USING btree ("associated_article_id");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_portal_locale_slug_key" ON "categories" USING btree ("portal_id","locale","slug");--> statement-breakpoint
CREATE INDEX "categories_portal_locale_position_idx" ON "categories" USING btree ("portal_id","locale","position");--> statement-breakpoint
CREATE INDEX "categories_account_idx" ON "categories" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "categories_associated_idx" ON "categories" USING btree ("associated_category_id");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "help_center_files_key" ON "help_center_files" USING btree ("key");--> statement-breakpoint
CREATE INDEX "help_center_files_portal_idx" ON "help_center_files" USING btree ("account_id","portal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portals_slug_key" ON "portals" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "portals_custom_domain_key" ON "portals" USING btree ("custom_domain");--> statement-breakpoint
CREATE INDEX "portals_account_idx" ON "portals" USING btree ("account_id");