import { sql } from "drizzle-orm";

/**
 * The one definition of "unread" for a conversation aliased `c`: an incoming message newer than
 * the last time an agent looked. last_incoming_at is the newest incoming message's created_at,
 * kept by triggers on messages (migration 0020_last_incoming_at), so the test needs no messages
 * probe. The sidebar counts and the list's badge both use it.
 */
export const UNREAD_SQL = sql`c.last_incoming_at > coalesce(c.agent_last_seen_at, '-infinity'::timestamptz)`;
