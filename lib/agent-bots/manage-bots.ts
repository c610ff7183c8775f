import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBots } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { can, requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { hashToken, generateSecretToken } from "@/lib/auth/tokens";
import { encryptSecret } from "@/lib/crypto/secrets";
import { invalid, notFound } from "@/lib/errors";
import { agentBotInput, botColumns, botDetails, newBotCredentials, newBotSecret, type AgentBotDetails, type AgentBotInput } from "./bot-input";

/**
 * An account's agent bots (Settings → Bots, /api/v1/accounts/{id}/agent_bots). Administrators
 * manage them; agents may list and see them (Chatwoot shows bots to agents too) but never get the
 * token or the signing secret (the serializer leaves them out for agents).
 */
export async function listAgentBots(db: DbOrTx, actor: Actor, accountId: number): Promise<AgentBotDetails[]> {
  const withSecret = can(await requireAccountAccess(db, actor, accountId), "integration_manage");
  const rows = await db.select().from(agentBots).where(eq(agentBots.accountId, accountId)).orderBy(agentBots.id);
  return rows.map((r) => botDetails(r, null, { withSecret }));
}

export async function getAgentBot(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<AgentBotDetails> {
  const withSecret = can(await requireAccountAccess(db, actor, accountId), "integration_manage");
  return botDetails(await findBot(db, accountId, id), null, { withSecret });
}

export async function createAgentBot(db: DbOrTx, actor: Actor, accountId: number, params: AgentBotInput): Promise<AgentBotDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  const input = parseInput(agentBotInput, params, "api");
  if (!input.name) throw invalid("name can't be blank", { field: "name" });
  const credentials = newBotCredentials();
  const [row] = await db
    .insert(agentBots)
    .values({ ...botColumns(input), name: input.name, accountId, ...credentials.columns })
    .returning();
  return botDetails(row, credentials.accessToken);
}

export async function updateAgentBot(db: DbOrTx, actor: Actor, accountId: number, id: number, params: AgentBotInput): Promise<AgentBotDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  const input = parseInput(agentBotInput, params, "api");
  await findBot(db, accountId, id);
  const [row] = await db
    .update(agentBots)
    .set({ ...botColumns(input), updatedAt: new Date() })
    .where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, id)))
    .returning();
  return botDetails(row);
}

/** Deleting a bot disconnects it from its inboxes (rows cascade); its messages keep its id. */
export async function deleteAgentBot(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  await findBot(db, accountId, id);
  await db.delete(agentBots).where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, id)));
}

/** A new access token (the old one stops working at once), returned this once. */
export async function resetAgentBotAccessToken(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<AgentBotDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  await findBot(db, accountId, id);
  const accessToken = generateSecretToken();
  const [row] = await db
    .update(agentBots)
    .set({ accessTokenHash: hashToken(accessToken), updatedAt: new Date() })
    .where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, id)))
    .returning();
  return botDetails(row, accessToken);
}

/** A new signing secret for the bot's events (Chatwoot's reset_secret). */
export async function resetAgentBotSecret(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<AgentBotDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  await findBot(db, accountId, id);
  const [row] = await db
    .update(agentBots)
    .set({ secretEncrypted: encryptSecret(newBotSecret()), updatedAt: new Date() })
    .where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, id)))
    .returning();
  return botDetails(row);
}

async function findBot(db: DbOrTx, accountId: number, id: number) {
  const [row] = await db
    .select()
    .from(agentBots)
    .where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, id)))
    .limit(1);
  if (!row) throw notFound("Agent bot");
  return row;
}
