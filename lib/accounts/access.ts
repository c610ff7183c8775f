import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, accounts, agentBotInboxes, customRoles, inboxMembers, inboxes } from "@/db/schema";
import { userActor, type Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/errors";
import { conversationVisibility } from "./permissions";
import { memoInRequest, rememberInRequest, type RequestScope } from "@/lib/request-scope";

/**
 * What an actor may do in one account. Every domain function starts with requireAccountAccess so
 * the UI, the API and jobs share one set of rules.
 */
export type AccountAccess = {
  accountId: number;
  role: "administrator" | "agent" | "system" | "agent_bot";
  /** null for the system actor. */
  userId: number | null;
  /** Set for an agent bot: it sees only the inboxes it is connected to. */
  agentBotId?: number;
  /**
   * Set for a member with a custom role: its permissions replace the built-in role's
   * (lib/accounts/permissions.ts `can`). Absent for administrators and plain agents.
   */
  permissions?: readonly string[];
  customRoleId?: number;
};

/**
 * Resolves the actor's role in the account. A user who is not a member gets "not found", the same
 * answer as for an account that does not exist, so account ids cannot be probed. Resolved once per
 * request scope (lib/request-scope.ts): a page's layout, loader and domain functions share it.
 */
export async function requireAccountAccess(db: DbOrTx, actor: Actor, accountId: number): Promise<AccountAccess> {
  if (!Number.isSafeInteger(accountId) || accountId <= 0) throw notFound("Account");
  const access = await memoInRequest(accessKey(actor, accountId), () => lookUpAccess(db, actor, accountId));
  if (!access) throw notFound("Account");
  return access;
}

const accessKey = (actor: Actor, accountId: number) =>
  `access:${actor.kind === "system" ? "system" : actor.kind === "agent_bot" ? `bot:${actor.agentBotId}` : `user:${actor.userId}`}:${accountId}`;

async function lookUpAccess(db: DbOrTx, actor: Actor, accountId: number): Promise<AccountAccess | null> {
  if (actor.kind === "system") {
    // Scoped by its caller to an account it read (a rule's): that proof stands for this lookup.
    if (actor.accountId === accountId) return { accountId, role: "system", userId: null };
    const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
    return row ? { accountId, role: "system", userId: null } : null;
  }
  if (actor.kind === "agent_bot") {
    // A bot's token opens its own account only (Chatwoot once let bot tokens act in any account).
    return actor.accountId === accountId ? { accountId, role: "agent_bot", userId: null, agentBotId: actor.agentBotId } : null;
  }
  const [membership] = await db
    .select({ role: accountUsers.role, customRoleId: customRoles.id, permissions: customRoles.permissions })
    .from(accountUsers)
    .leftJoin(customRoles, and(eq(customRoles.id, accountUsers.customRoleId), eq(customRoles.accountId, accountUsers.accountId)))
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, actor.userId)))
    .limit(1);
  return membership ? membershipAccess(accountId, actor.userId, membership) : null;
}

/** A membership row (role, and the custom role's id and permissions when it has one) as access. */
export function membershipAccess(
  accountId: number,
  userId: number,
  m: { role: "administrator" | "agent"; customRoleId?: number | null; permissions?: readonly string[] | null },
): AccountAccess {
  const access: AccountAccess = { accountId, role: m.role, userId };
  // A custom role replaces "agent" only: an administrator keeps everything.
  if (m.role === "agent" && m.customRoleId != null) {
    access.customRoleId = m.customRoleId;
    access.permissions = m.permissions ?? [];
  }
  return access;
}

/**
 * Tells a request scope a user's membership that was read with something else (the API token in
 * the same statement, the profile behind a page), so requireAccountAccess does not ask again.
 * `role` null: not a member, answered "not found" as usual.
 */
export function rememberAccountAccess(
  scope: RequestScope,
  userId: number,
  accountId: number,
  membership: { role: "administrator" | "agent"; customRoleId?: number | null; permissions?: readonly string[] | null } | null,
): void {
  rememberInRequest(scope, accessKey(userActor(userId), accountId), membership === null ? null : membershipAccess(accountId, userId, membership));
}

export const isAdministrator = (access: AccountAccess): boolean => access.role === "administrator" || access.role === "system";

/** Administrators (and the system) manage the account; agents only work conversations. */
export function requireAdministrator(access: AccountAccess): void {
  if (!isAdministrator(access)) throw forbidden("Only administrators can do that");
}

/** Inboxes whose conversations the actor may see: 'all' for administrators and the system. */
export async function accessibleInboxIds(db: DbOrTx, access: AccountAccess): Promise<readonly number[] | "all"> {
  const botId = access.agentBotId;
  if (botId !== undefined) return memoInRequest(`bot-inboxes:${botId}:${access.accountId}`, () => botInboxIds(db, access.accountId, botId));
  if (isAdministrator(access) || access.userId === null) return "all";
  // A custom role without any conversation permission sees no conversation, hence no inbox's.
  if (conversationVisibility(access) === "none") return [];
  const userId = access.userId;
  return memoInRequest(memberInboxesKey(userId, access.accountId), () => memberInboxIds(db, access.accountId, userId));
}

const memberInboxesKey = (userId: number, accountId: number) => `inboxes:${userId}:${accountId}`;

/**
 * Tells a request scope the inboxes a member belongs to, known from a copy its caller keeps
 * current (app/_server/account-lists.ts: dropped whenever inbox_members changes), so
 * accessibleInboxIds does not ask again.
 */
export function rememberMemberInboxIds(scope: RequestScope, userId: number, accountId: number, ids: Promise<readonly number[]>): void {
  scope.set(memberInboxesKey(userId, accountId), ids);
}

async function memberInboxIds(db: DbOrTx, accountId: number, userId: number): Promise<readonly number[]> {
  const rows = await db
    .select({ inboxId: inboxMembers.inboxId })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.userId, userId)));
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

/**
 * Administrators and the system see every inbox of the account; agents only those they are members
 * of (read once per request scope with accessibleInboxIds).
 */
export async function canSeeInbox(db: DbOrTx, access: AccountAccess, inboxId: number): Promise<boolean> {
  const visible = await accessibleInboxIds(db, access);
  return visible === "all" || visible.includes(inboxId);
}

/** The inboxes an agent bot is connected to: the only ones its token reaches. */
async function botInboxIds(db: DbOrTx, accountId: number, agentBotId: number): Promise<readonly number[]> {
  const rows = await db
    .select({ inboxId: agentBotInboxes.inboxId })
    .from(agentBotInboxes)
    .where(and(eq(agentBotInboxes.accountId, accountId), eq(agentBotInboxes.agentBotId, agentBotId)));
  return rows.map((r) => r.inboxId);
}
