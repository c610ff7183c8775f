-- Every new cache version of a portal is announced on the "help_center_version" channel at commit
-- ("<portal id>:<version>"), so a server holding pages in memory (lib/help-center/public/front.ts)
-- drops them without asking the database on every request.
CREATE FUNCTION help_center_notify_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('help_center_version', NEW.portal_id::text || ':' || NEW.version::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "help_center_cache_versions_notify" AFTER INSERT OR UPDATE ON "help_center_cache_versions" FOR EACH ROW EXECUTE FUNCTION help_center_notify_cache_version();
