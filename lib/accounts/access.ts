import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, accounts, agentBotInboxes, inboxMembers, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/errors";

/**
 * What an actor may do in one account. Every domain function starts with requireAccountAccess so
 * the UI, the API and jobs share one set of rules.
 */
export type AccountAccess = {
  accountId: number;
  role: "administrator" | "agent" | "system" | "agent_bot";
  /** null for the system actor and agent bots. */
  userId: number | null;
  /** Set for an agent bot: it sees only the inboxes it is connected to. */
  agentBotId?: number;
};

/**
 * Resolves the actor's role in the account. A user who is not a member gets "not found", the same
 * answer as for an account that does not exist, so account ids cannot be probed.
 */
export async function requireAccountAccess(db: DbOrTx, actor: Actor, accountId: number): Promise<AccountAccess> {
  if (!Number.isSafeInteger(accountId) || accountId <= 0) throw notFound("Account");
  if (actor.kind === "system") {
    const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
    if (!row) throw notFound("Account");
    return { accountId, role: "system", userId: null };
  }
  if (actor.kind === "agent_bot") {
    // A bot's token opens its own account only (Chatwoot once let bot tokens act in any account).
    if (actor.accountId !== accountId) throw notFound("Account");
    return { accountId, role: "agent_bot", userId: null, agentBotId: actor.agentBotId };
  }
  const [membership] = await db
    .select({ role: accountUsers.role })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, actor.userId)))
    .limit(1);
  if (!membership) throw notFound("Account");
  return { accountId, role: membership.role, userId: actor.userId };
}

export const isAdministrator = (access: AccountAccess): boolean => access.role === "administrator" || access.role === "system";

/** Administrators (and the system) manage the account; agents only work conversations. */
export function requireAdministrator(access: AccountAccess): void {
  if (!isAdministrator(access)) throw forbidden("Only administrators can do that");
}

/** Inboxes whose conversations the actor may see: 'all' for administrators and the system. */
export async function accessibleInboxIds(db: DbOrTx, access: AccountAccess): Promise<number[] | "all"> {
  if (access.agentBotId !== undefined) return botInboxIds(db, access.accountId, access.agentBotId);
  if (isAdministrator(access) || access.userId === null) return "all";
  const rows = await db
    .select({ inboxId: inboxMembers.inboxId })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.accountId, access.accountId), eq(inboxMembers.userId, access.userId)));
  return rows.map((r) => r.inboxId);
}

/** Throws "not found" for an inbox of another account or one the agent is not a member of. */
export async function assertInboxAccess(db: DbOrTx, access: AccountAccess, inboxId: number): Promise<void> {
  const [inbox] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.accountId, access.accountId), eq(inboxes.id, inboxId)))
    .limit(1);
  if (!inbox) throw notFound("Inbox");
  if (!(await canSeeInbox(db, access, inboxId))) throw notFound("Inbox");
}

/** Administrators and the system see every inbox of the account; agents only those they are members of. */
export async function canSeeInbox(db: DbOrTx, access: AccountAccess, inboxId: number): Promise<boolean> {
  if (access.agentBotId !== undefined) return (await botInboxIds(db, access.accountId, access.agentBotId)).includes(inboxId);
  if (isAdministrator(access) || access.userId === null) return true;
  const [member] = await db
    .select({ id: inboxMembers.id })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.accountId, access.accountId), eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, access.userId)))
    .limit(1);
  return member !== undefined;
}

/** The inboxes an agent bot is connected to: the only ones its token reaches. */
async function botInboxIds(db: DbOrTx, accountId: number, agentBotId: number): Promise<number[]> {
  const rows = await db
    .select({ inboxId: agentBotInboxes.inboxId })
    .from(agentBotInboxes)
    .where(and(eq(agentBotInboxes.accountId, accountId), eq(agentBotInboxes.agentBotId, agentBotId)));
  return rows.map((r) => r.inboxId);
}
