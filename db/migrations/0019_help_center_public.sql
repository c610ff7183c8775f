CREATE TABLE "help_center_article_votes" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"portal_id" integer NOT NULL,
	"article_id" integer NOT NULL,
	"visitor_key" text NOT NULL,
	"helpful" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_center_cache_versions" (
	"portal_id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_center_searches" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"portal_id" integer NOT NULL,
	"locale" text NOT NULL,
	"query" text NOT NULL,
	"result_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "help_center_article_votes" ADD CONSTRAINT "help_center_article_votes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_article_votes" ADD CONSTRAINT "help_center_article_votes_account_id_article_id_articles_account_id_id_fk" FOREIGN KEY ("account_id","article_id") REFERENCES "public"."articles"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_article_votes" ADD CONSTRAINT "help_center_article_votes_account_id_portal_id_portals_account_id_id_fk" FOREIGN KEY ("account_id","portal_id") REFERENCES "public"."portals"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_searches" ADD CONSTRAINT "help_center_searches_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_searches" ADD CONSTRAINT "help_center_searches_account_id_portal_id_portals_account_id_id_fk" FOREIGN KEY ("account_id","portal_id") REFERENCES "public"."portals"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "help_center_article_votes_visitor_key" ON "help_center_article_votes" USING btree ("article_id","visitor_key");--> statement-breakpoint
CREATE INDEX "help_center_article_votes_account_idx" ON "help_center_article_votes" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "help_center_article_votes_portal_idx" ON "help_center_article_votes" USING btree ("portal_id");--> statement-breakpoint
CREATE INDEX "help_center_searches_portal_created_idx" ON "help_center_searches" USING btree ("portal_id","created_at");--> statement-breakpoint
CREATE INDEX "help_center_searches_account_idx" ON "help_center_searches" USING btree ("account_id");--> statement-breakpoint
-- Hand-written: the public help center search index and cache versioning (docs/help-center.md).
-- Full-text search in the article locale dictionary (lib/help-center/public/search-config.ts keeps
-- the same locale to dictionary table): title and keywords weigh most, then description, then body.
ALTER TABLE "articles" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector(CASE split_part(split_part(lower(locale), '_', 1), '-', 1) WHEN 'ar' THEN 'arabic'::regconfig WHEN 'hy' THEN 'armenian'::regconfig WHEN 'eu' THEN 'basque'::regconfig WHEN 'ca' THEN 'catalan'::regconfig WHEN 'da' THEN 'danish'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'el' THEN 'greek'::regconfig WHEN 'hi' THEN 'hindi'::regconfig WHEN 'hu' THEN 'hungarian'::regconfig WHEN 'id' THEN 'indonesian'::regconfig WHEN 'ga' THEN 'irish'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'lt' THEN 'lithuanian'::regconfig WHEN 'ne' THEN 'nepali'::regconfig WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'no' THEN 'norwegian'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ro' THEN 'romanian'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sr' THEN 'serbian'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'sv' THEN 'swedish'::regconfig WHEN 'ta' THEN 'tamil'::regconfig WHEN 'tr' THEN 'turkish'::regconfig WHEN 'yi' THEN 'yiddish'::regconfig ELSE 'simple'::regconfig END, "title" || ' ' || coalesce("meta"->>'title', '') || ' ' || translate(coalesce(("meta"->'tags')::text, ''), '[]",', '    ')), 'A') || setweight(to_tsvector(CASE split_part(split_part(lower(locale), '_', 1), '-', 1) WHEN 'ar' THEN 'arabic'::regconfig WHEN 'hy' THEN 'armenian'::regconfig WHEN 'eu' THEN 'basque'::regconfig WHEN 'ca' THEN 'catalan'::regconfig WHEN 'da' THEN 'danish'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'el' THEN 'greek'::regconfig WHEN 'hi' THEN 'hindi'::regconfig WHEN 'hu' THEN 'hungarian'::regconfig WHEN 'id' THEN 'indonesian'::regconfig WHEN 'ga' THEN 'irish'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'lt' THEN 'lithuanian'::regconfig WHEN 'ne' THEN 'nepali'::regconfig WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'no' THEN 'norwegian'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ro' THEN 'romanian'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sr' THEN 'serbian'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'sv' THEN 'swedish'::regconfig WHEN 'ta' THEN 'tamil'::regconfig WHEN 'tr' THEN 'turkish'::regconfig WHEN 'yi' THEN 'yiddish'::regconfig ELSE 'simple'::regconfig END, coalesce("description", '')), 'B') || setweight(to_tsvector(CASE split_part(split_part(lower(locale), '_', 1), '-', 1) WHEN 'ar' THEN 'arabic'::regconfig WHEN 'hy' THEN 'armenian'::regconfig WHEN 'eu' THEN 'basque'::regconfig WHEN 'ca' THEN 'catalan'::regconfig WHEN 'da' THEN 'danish'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'el' THEN 'greek'::regconfig WHEN 'hi' THEN 'hindi'::regconfig WHEN 'hu' THEN 'hungarian'::regconfig WHEN 'id' THEN 'indonesian'::regconfig WHEN 'ga' THEN 'irish'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'lt' THEN 'lithuanian'::regconfig WHEN 'ne' THEN 'nepali'::regconfig WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'no' THEN 'norwegian'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ro' THEN 'romanian'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sr' THEN 'serbian'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'sv' THEN 'swedish'::regconfig WHEN 'ta' THEN 'tamil'::regconfig WHEN 'tr' THEN 'turkish'::regconfig WHEN 'yi' THEN 'yiddish'::regconfig ELSE 'simple'::regconfig END, "content"), 'C')) STORED;--> statement-breakpoint
-- Title and keywords for typo tolerance (trigram word similarity).
ALTER TABLE "articles" ADD COLUMN "search_keywords" text GENERATED ALWAYS AS ("title" || ' ' || translate(coalesce(("meta"->'tags')::text, ''), '[]",', '    ')) STORED;--> statement-breakpoint
CREATE INDEX "articles_search_vector_idx" ON "articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "articles_search_keywords_trgm_idx" ON "articles" USING gin ("search_keywords" gin_trgm_ops);--> statement-breakpoint
-- Every change to a portal, its categories or its articles bumps the portal cache version in the same
-- transaction, so cached public pages on every instance are stale from the commit on. View counts
-- and updated_at alone do not count as changes.
CREATE FUNCTION help_center_bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pid integer;
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - 'views' - 'updated_at') = (to_jsonb(NEW) - 'views' - 'updated_at') THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'portals' THEN
    pid := COALESCE(NEW.id, OLD.id);
  ELSE
    pid := COALESCE(NEW.portal_id, OLD.portal_id);
  END IF;
  INSERT INTO help_center_cache_versions (portal_id, version) VALUES (pid, 1)
    ON CONFLICT (portal_id) DO UPDATE SET version = help_center_cache_versions.version + 1;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'portals' THEN
    IF OLD.portal_id <> NEW.portal_id THEN
      INSERT INTO help_center_cache_versions (portal_id, version) VALUES (OLD.portal_id, 1)
        ON CONFLICT (portal_id) DO UPDATE SET version = help_center_cache_versions.version + 1;
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "portals_help_center_cache" AFTER INSERT OR UPDATE OR DELETE ON "portals" FOR EACH ROW EXECUTE FUNCTION help_center_bump_cache_version();--> statement-breakpoint
CREATE TRIGGER "categories_help_center_cache" AFTER INSERT OR UPDATE OR DELETE ON "categories" FOR EACH ROW EXECUTE FUNCTION help_center_bump_cache_version();--> statement-breakpoint
CREATE TRIGGER "articles_help_center_cache" AFTER INSERT OR UPDATE OR DELETE ON "articles" FOR EACH ROW EXECUTE FUNCTION help_center_bump_cache_version();
