CREATE TABLE "conversation_open_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"assignee_id" integer,
	"total" integer NOT NULL,
	"unread" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "conversations_open_counts_idx";--> statement-breakpoint
ALTER TABLE "conversation_open_counts" ADD CONSTRAINT "conversation_open_counts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_open_counts_account_idx" ON "conversation_open_counts" USING btree ("account_id","inbox_id","assignee_id");--> statement-breakpoint
-- The counts as they stand, one row per (account, inbox, assignee).
INSERT INTO "conversation_open_counts" (account_id, inbox_id, assignee_id, total, unread)
SELECT account_id, inbox_id, assignee_id, count(*),
       count(*) FILTER (WHERE last_incoming_at > coalesce(agent_last_seen_at, '-infinity'::timestamptz))
FROM "conversations" WHERE status = 'open' GROUP BY 1, 2, 3;--> statement-breakpoint
-- Every statement that writes conversations appends what it changed: -1 for each row's old state,
-- +1 for its new one, when that state is open; "unread" is db/queries/unread.ts's definition.
-- Groups that cancel out (an update that moves nothing) write nothing.
CREATE FUNCTION "conversation_open_counts_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_open_counts (account_id, inbox_id, assignee_id, total, unread)
  SELECT account_id, inbox_id, assignee_id, sum(total), sum(unread) FROM (
    SELECT account_id, inbox_id, assignee_id, 1 AS total, (coalesce(last_incoming_at > coalesce(agent_last_seen_at, '-infinity'::timestamptz), false))::int AS unread FROM new_rows WHERE status = 'open'
  ) d
  GROUP BY 1, 2, 3 HAVING sum(total) <> 0 OR sum(unread) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "conversation_open_counts_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_open_counts (account_id, inbox_id, assignee_id, total, unread)
  SELECT account_id, inbox_id, assignee_id, sum(total), sum(unread) FROM (
    SELECT account_id, inbox_id, assignee_id, -1 AS total, -(coalesce(last_incoming_at > coalesce(agent_last_seen_at, '-infinity'::timestamptz), false))::int AS unread FROM old_rows WHERE status = 'open'
      -- Deleting an account cascades here too: its counts go with it, nothing to write.
      AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = old_rows.account_id)
  ) d
  GROUP BY 1, 2, 3 HAVING sum(total) <> 0 OR sum(unread) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "conversation_open_counts_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_open_counts (account_id, inbox_id, assignee_id, total, unread)
  SELECT account_id, inbox_id, assignee_id, sum(total), sum(unread) FROM (
    SELECT account_id, inbox_id, assignee_id, -1 AS total, -(coalesce(last_incoming_at > coalesce(agent_last_seen_at, '-infinity'::timestamptz), false))::int AS unread FROM old_rows WHERE status = 'open'
    UNION ALL
    SELECT account_id, inbox_id, assignee_id, 1 AS total, (coalesce(last_incoming_at > coalesce(agent_last_seen_at, '-infinity'::timestamptz), false))::int AS unread FROM new_rows WHERE status = 'open'
  ) d
  GROUP BY 1, 2, 3 HAVING sum(total) <> 0 OR sum(unread) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_open_counts_insert" AFTER INSERT ON "conversations" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_open_counts_on_insert();--> statement-breakpoint
CREATE TRIGGER "conversations_open_counts_delete" AFTER DELETE ON "conversations" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_open_counts_on_delete();--> statement-breakpoint
CREATE TRIGGER "conversations_open_counts_update" AFTER UPDATE ON "conversations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_open_counts_on_update();
