-- The recompute after a message is deleted, moved or retyped first locks the conversations it
-- touches, then reads the messages: a concurrent writer of the same conversation (createMessage
-- and the import hold its row) has committed by then, and the UPDATE's own snapshot, taken after
-- the lock, sees that writer's message. Without the lock the recompute could miss it.
CREATE OR REPLACE FUNCTION "conversations_last_incoming_recompute"(touched_account integer[], touched_conversation integer[]) RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM conversations c, (SELECT DISTINCT a, i FROM unnest(touched_account, touched_conversation) AS t(a, i)) t
  WHERE c.account_id = t.a AND c.id = t.i ORDER BY c.id FOR UPDATE OF c;
  UPDATE conversations c SET last_incoming_at = (
    SELECT max(m.created_at) FROM messages m
    WHERE m.account_id = c.account_id AND m.conversation_id = c.id AND m.message_type = 'incoming')
  FROM (SELECT DISTINCT a, i FROM unnest(touched_account, touched_conversation) AS t(a, i)) t
  WHERE c.account_id = t.a AND c.id = t.i;
$$;
