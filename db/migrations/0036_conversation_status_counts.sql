CREATE TABLE "conversation_status_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"status" "conversation_status" NOT NULL,
	"inbox_id" integer NOT NULL,
	"assignee_id" integer,
	"total" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_status_counts" ADD CONSTRAINT "conversation_status_counts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_status_counts_account_idx" ON "conversation_status_counts" USING btree ("account_id","status","inbox_id","assignee_id");--> statement-breakpoint
CREATE INDEX "contacts_email_local_reversed_idx" ON "contacts" USING btree ("account_id",reverse(lower(split_part("email", '@', 1))) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "conversations_created_idx" ON "conversations" USING btree ("account_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- The counts as they stand, one row per (account, status, inbox, assignee); open is counted in
-- conversation_open_counts.
INSERT INTO "conversation_status_counts" (account_id, status, inbox_id, assignee_id, total)
SELECT account_id, status, inbox_id, assignee_id, count(*)
FROM "conversations" WHERE status <> 'open' GROUP BY 1, 2, 3, 4;--> statement-breakpoint
-- As for the open counts (0023): every statement that writes conversations appends -1 for each
-- row's old state and +1 for its new one, when that state is not open; groups that cancel out (an
-- update that changes no status, inbox or assignee: most of them) write nothing.
CREATE FUNCTION "conversation_status_counts_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_status_counts (account_id, status, inbox_id, assignee_id, total)
  SELECT account_id, status, inbox_id, assignee_id, count(*) FROM new_rows WHERE status <> 'open'
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "conversation_status_counts_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_status_counts (account_id, status, inbox_id, assignee_id, total)
  SELECT account_id, status, inbox_id, assignee_id, -count(*) FROM old_rows WHERE status <> 'open'
    -- Deleting an account cascades here too: its counts go with it, nothing to write.
    AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = old_rows.account_id)
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "conversation_status_counts_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_status_counts (account_id, status, inbox_id, assignee_id, total)
  SELECT account_id, status, inbox_id, assignee_id, sum(total) FROM (
    SELECT account_id, status, inbox_id, assignee_id, -1 AS total FROM old_rows WHERE status <> 'open'
    UNION ALL
    SELECT account_id, status, inbox_id, assignee_id, 1 AS total FROM new_rows WHERE status <> 'open'
  ) d
  GROUP BY 1, 2, 3, 4 HAVING sum(total) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_status_counts_insert" AFTER INSERT ON "conversations" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_status_counts_on_insert();--> statement-breakpoint
CREATE TRIGGER "conversations_status_counts_delete" AFTER DELETE ON "conversations" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_status_counts_on_delete();--> statement-breakpoint
CREATE TRIGGER "conversations_status_counts_update" AFTER UPDATE ON "conversations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_status_counts_on_update();
