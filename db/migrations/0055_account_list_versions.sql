CREATE TABLE "account_list_versions" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Every change to the lists a signed-in page shows beside its screen bumps the account's version in
-- the same transaction, so every server process's copy of them is stale from the commit on
-- (app/_server/account-lists.ts). Round-robin bookkeeping on inbox_members and inbox settings other
-- than the name are not such changes. The version is the write's clock in microseconds (at least
-- one more than before), so a database restored or recreated under a running server never repeats
-- a version that server has seen.
CREATE FUNCTION account_lists_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o jsonb := to_jsonb(OLD);
  n jsonb := to_jsonb(NEW);
  aid integer;
  now_us bigint := floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF TG_TABLE_NAME = 'inboxes' AND o->'name' = n->'name' AND o->'account_id' = n->'account_id' THEN
      RETURN NULL;
    END IF;
    IF (o - 'last_auto_assigned_at') = (n - 'last_auto_assigned_at') THEN
      RETURN NULL;
    END IF;
  END IF;
  FOR aid IN SELECT DISTINCT a FROM unnest(ARRAY[(o->>'account_id')::integer, (n->>'account_id')::integer]) AS a WHERE a IS NOT NULL LOOP
    INSERT INTO account_list_versions AS v (account_id, version) VALUES (aid, now_us)
      ON CONFLICT (account_id) DO UPDATE SET version = greatest(v.version + 1, now_us);
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "labels_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "labels" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();--> statement-breakpoint
CREATE TRIGGER "teams_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "teams" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();--> statement-breakpoint
CREATE TRIGGER "team_members_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "team_members" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();--> statement-breakpoint
CREATE TRIGGER "custom_attribute_definitions_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "custom_attribute_definitions" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();--> statement-breakpoint
CREATE TRIGGER "custom_filters_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "custom_filters" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();--> statement-breakpoint
CREATE TRIGGER "inboxes_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "inboxes" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();--> statement-breakpoint
CREATE TRIGGER "inbox_members_account_lists" AFTER INSERT OR UPDATE OR DELETE ON "inbox_members" FOR EACH ROW EXECUTE FUNCTION account_lists_bump_version();
