import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accounts, agentBotInboxes, agentBots, platformAppPermissibles } from "@/db/schema";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { dropPermissible, grantPermissible, requirePermissible } from "@/lib/platform/permissibles";
import { agentBotInput, botColumns, botDetails, newBotCredentials, type AgentBotDetails } from "./bot-input";

/**
 * Agent bots through the Platform API: a platform app sees and changes only the bots it created.
 * `account_id` must name an account the app owns too (or be absent: a bot that is nobody's yet).
 */
const platformBotInput = agentBotInput.extend({ account_id: z.coerce.number().int().positive().nullable().optional() });
export type PlatformBotInput = z.input<typeof platformBotInput>;

export async function listPlatformBots(db: DbOrTx, platformAppId: number): Promise<AgentBotDetails[]> {
  const rows = await db
    .select({ bot: agentBots })
    .from(platformAppPermissibles)
    .innerJoin(agentBots, eq(agentBots.id, platformAppPermissibles.permissibleId))
    .where(and(eq(platformAppPermissibles.platformAppId, platformAppId), eq(platformAppPermissibles.permissibleType, "AgentBot")))
    .orderBy(agentBots.id);
  return rows.map((r) => botDetails(r.bot));
}

export async function getPlatformBot(db: DbOrTx, platformAppId: number, id: number): Promise<AgentBotDetails> {
  const [row] = await db.select().from(agentBots).where(eq(agentBots.id, id)).limit(1);
  if (!row) throw notFound("Agent bot");
  await requirePermissible(db, platformAppId, "AgentBot", id);
  return botDetails(row);
}

export async function createPlatformBot(db: DbOrTx, platformAppId: number, params: PlatformBotInput): Promise<AgentBotDetails> {
  const input = parseInput(platformBotInput, params, "api");
  if (!input.name) throw invalid("name can't be blank", { field: "name" });
  const name = input.name;
  if (input.account_id) await requireOwnAccount(db, platformAppId, input.account_id);
  const credentials = newBotCredentials();
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(agentBots)
      .values({ ...botColumns(input), name, accountId: input.account_id ?? null, ...credentials.columns })
      .returning();
    await grantPermissible(tx, platformAppId, "AgentBot", row.id);
    return botDetails(row, credentials.accessToken);
  });
}

export async function updatePlatformBot(db: DbOrTx, platformAppId: number, id: number, params: PlatformBotInput): Promise<AgentBotDetails> {
  const input = parseInput(platformBotInput, params, "api");
  const current = await getPlatformBot(db, platformAppId, id);
  if (input.account_id) await requireOwnAccount(db, platformAppId, input.account_id);
  const moves = input.account_id !== undefined && input.account_id !== current.accountId;
  return inTransaction(db, async (tx) => {
    // A bot moved to another account leaves the old account's inboxes.
    if (moves) await tx.delete(agentBotInboxes).where(eq(agentBotInboxes.agentBotId, id));
    const [row] = await tx
      .update(agentBots)
      .set({ ...botColumns(input), ...(moves ? { accountId: input.account_id } : {}), updatedAt: new Date() })
      .where(eq(agentBots.id, id))
      .returning();
    return botDetails(row);
  });
}

export async function deletePlatformBot(db: DbOrTx, platformAppId: number, id: number): Promise<void> {
  await getPlatformBot(db, platformAppId, id);
  await inTransaction(db, async (tx) => {
    await tx.delete(agentBots).where(eq(agentBots.id, id));
    await dropPermissible(tx, "AgentBot", id);
  });
}

async function requireOwnAccount(db: DbOrTx, platformAppId: number, accountId: number): Promise<void> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!row) throw invalid("account_id names no account", { field: "account_id" });
  await requirePermissible(db, platformAppId, "Account", accountId);
}
