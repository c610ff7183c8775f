import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBotInboxes, agentBots } from "@/db/schema";
import type { ConversationStatus } from "@/lib/conversations/types";

/**
 * Handoff, the first half: in an inbox with a connected bot (one with an outgoing URL), a new
 * conversation — or a resolved one the customer writes to again — starts `pending`, the bot's
 * until it (or an agent) sets it `open`. Pending conversations stay out of agents' open lists and
 * show under the Bot filter.
 */
export async function inboxesWithBot(db: DbOrTx, accountId: number, inboxIds: readonly number[]): Promise<Set<number>> {
  if (inboxIds.length === 0) return new Set();
  const rows = await db
    .select({ inboxId: agentBotInboxes.inboxId })
    .from(agentBotInboxes)
    .innerJoin(agentBots, and(eq(agentBots.accountId, agentBotInboxes.accountId), eq(agentBots.id, agentBotInboxes.agentBotId)))
    .where(and(eq(agentBotInboxes.accountId, accountId), inArray(agentBotInboxes.inboxId, [...new Set(inboxIds)])));
  return new Set(rows.map((r) => r.inboxId));
}

/** The status a conversation opens (or reopens) with: `pending` instead of `open` when a bot answers the inbox. */
export async function statusWithBot(db: DbOrTx, accountId: number, inboxId: number, status: ConversationStatus): Promise<ConversationStatus> {
  if (status !== "open") return status;
  return (await inboxesWithBot(db, accountId, [inboxId])).has(inboxId) ? "pending" : status;
}
