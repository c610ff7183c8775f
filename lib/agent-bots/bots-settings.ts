import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBotInboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listAgentBots } from "./manage-bots";

/**
 * Settings → Bots: the account's bots, and each inbox with the bot connected to it. The
 * connections are read in ONE statement for the account (not one per inbox); listInboxes already
 * limits the inboxes to what the actor may see, and listAgentBots checks the access.
 */
export async function loadBotsSettings(db: DbOrTx, actor: Actor, accountId: number) {
  const [bots, inboxes, connections] = await Promise.all([
    listAgentBots(db, actor, accountId),
    listInboxes(db, actor, accountId),
    db.select({ inboxId: agentBotInboxes.inboxId, botId: agentBotInboxes.agentBotId }).from(agentBotInboxes).where(eq(agentBotInboxes.accountId, accountId)),
  ]);
  const botOf = new Map(connections.map((c) => [c.inboxId, c.botId]));
  return { bots, inboxes: inboxes.map((inbox) => ({ id: inbox.id, name: inbox.name, botId: botOf.get(inbox.id) ?? null })) };
}
