ALTER TABLE "conversations" ADD COLUMN "last_incoming_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: the newest incoming message of each conversation (before the index exists, so the
-- index is built once instead of updated row by row).
UPDATE "conversations" c SET "last_incoming_at" = m.newest
FROM (SELECT account_id, conversation_id, max(created_at) AS newest FROM "messages" WHERE message_type = 'incoming' GROUP BY 1, 2) m
WHERE c.account_id = m.account_id AND c.id = m.conversation_id;--> statement-breakpoint
CREATE INDEX "conversations_open_counts_idx" ON "conversations" USING btree ("account_id","inbox_id","assignee_id","last_incoming_at","agent_last_seen_at") WHERE "conversations"."status" = 'open';--> statement-breakpoint
-- conversations.last_incoming_at follows the messages table whatever writes it (createMessage,
-- the email import's multi-row insert, scripts, tests' factories): statement-level triggers with
-- transition tables, so a batch insert costs one UPDATE per statement, not one per row.
-- Insert: raise it to the newest incoming message inserted (never lowers it).
CREATE FUNCTION "conversations_last_incoming_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations c SET last_incoming_at = n.newest
  FROM (SELECT account_id, conversation_id, max(created_at) AS newest FROM new_messages
        WHERE message_type = 'incoming' GROUP BY 1, 2) n
  WHERE c.account_id = n.account_id AND c.id = n.conversation_id
    AND (c.last_incoming_at IS NULL OR c.last_incoming_at < n.newest);
  RETURN NULL;
END $$;--> statement-breakpoint
-- Delete or update (type, time or conversation changed): recompute it from the messages left.
CREATE FUNCTION "conversations_last_incoming_recompute"(touched_account integer[], touched_conversation integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE conversations c SET last_incoming_at = (
    SELECT max(m.created_at) FROM messages m
    WHERE m.account_id = c.account_id AND m.conversation_id = c.id AND m.message_type = 'incoming')
  FROM (SELECT DISTINCT a, i FROM unnest(touched_account, touched_conversation) AS t(a, i)) t
  WHERE c.account_id = t.a AND c.id = t.i;
$$;--> statement-breakpoint
CREATE FUNCTION "conversations_last_incoming_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversations_last_incoming_recompute(array_agg(o.account_id), array_agg(o.conversation_id))
  FROM old_messages o WHERE o.message_type = 'incoming' HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "conversations_last_incoming_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversations_last_incoming_recompute(array_agg(t.account_id), array_agg(t.conversation_id))
  FROM (
    SELECT o.account_id, o.conversation_id FROM old_messages o JOIN new_messages n ON n.id = o.id
    WHERE (o.message_type = 'incoming' OR n.message_type = 'incoming')
      AND (o.message_type, o.created_at, o.account_id, o.conversation_id) IS DISTINCT FROM (n.message_type, n.created_at, n.account_id, n.conversation_id)
    UNION ALL
    SELECT n.account_id, n.conversation_id FROM old_messages o JOIN new_messages n ON n.id = o.id
    WHERE (o.message_type = 'incoming' OR n.message_type = 'incoming')
      AND (o.message_type, o.created_at, o.account_id, o.conversation_id) IS DISTINCT FROM (n.message_type, n.created_at, n.account_id, n.conversation_id)
  ) t HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_last_incoming_insert" AFTER INSERT ON "messages" REFERENCING NEW TABLE AS new_messages
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_last_incoming_on_insert();--> statement-breakpoint
CREATE TRIGGER "messages_last_incoming_delete" AFTER DELETE ON "messages" REFERENCING OLD TABLE AS old_messages
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_last_incoming_on_delete();--> statement-breakpoint
CREATE TRIGGER "messages_last_incoming_update" AFTER UPDATE ON "messages" REFERENCING OLD TABLE AS old_messages NEW TABLE AS new_messages
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_last_incoming_on_update();
