import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBotInboxes, agentBots, inboxes, type AgentBot } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { can, requirePermission } from "@/lib/accounts/permissions";
import { inTransaction } from "@/db/transaction";
import { notFound } from "@/lib/errors";
import { emitInboxAgentBotChanged } from "@/lib/realtime/emit";
import { botDetails, type AgentBotDetails } from "./bot-input";

/**
 * Connects a bot of the same account to an inbox (replacing any other), or disconnects it with
 * null (Chatwoot's POST /inboxes/{id}/set_agent_bot). Administrators only.
 */
export async function setInboxAgentBot(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, agentBotId: number | null): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "integration_manage");
  await assertInboxAccess(db, access, inboxId);
  await inTransaction(db, async (tx, afterCommit) => {
    if (agentBotId === null) {
      await tx.delete(agentBotInboxes).where(and(eq(agentBotInboxes.accountId, accountId), eq(agentBotInboxes.inboxId, inboxId)));
    } else {
      const [bot] = await tx
        .select({ id: agentBots.id })
        .from(agentBots)
        .where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, agentBotId)))
        .limit(1);
      if (!bot) throw notFound("Agent bot");
      await tx
        .insert(agentBotInboxes)
        .values({ accountId, inboxId, agentBotId })
        .onConflictDoUpdate({ target: agentBotInboxes.inboxId, set: { agentBotId, createdAt: new Date() } });
    }
    // Other open tabs of the inbox's settings follow (the bot picker).
    emitInboxAgentBotChanged(afterCommit, { accountId, inboxId, agentBotId });
  });
}

/** The bot connected to an inbox, or null. */
export async function getInboxAgentBot(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<AgentBotDetails | null> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  const bot = await connectedBot(db, accountId, inboxId);
  return bot ? botDetails(bot, null, { withSecret: can(access, "integration_manage") }) : null;
}

/** The bot answering an inbox (no access check: for the domain's own use, e.g. new conversations). */
export async function connectedBot(db: DbOrTx, accountId: number, inboxId: number): Promise<AgentBot | null> {
  const [row] = await db
    .select({ bot: agentBots })
    .from(agentBotInboxes)
    .innerJoin(agentBots, and(eq(agentBots.accountId, agentBotInboxes.accountId), eq(agentBots.id, agentBotInboxes.agentBotId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, agentBotInboxes.accountId), eq(inboxes.id, agentBotInboxes.inboxId)))
    .where(and(eq(agentBotInboxes.accountId, accountId), eq(agentBotInboxes.inboxId, inboxId)))
    .limit(1);
  return row?.bot ?? null;
}
