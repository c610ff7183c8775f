import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountUsers, accounts, users, type User } from "@/db/schema";
import { parseInput } from "@/lib/api/validation";
import { findUserByEmail } from "@/lib/auth/find-user";
import { hashPassword } from "@/lib/auth/password";
import { generateApiAccessToken, generatePassword, hashToken } from "@/lib/auth/tokens";
import { invalid, notFound } from "@/lib/errors";
import { endRealtimeAccess } from "@/lib/realtime/revoke";
import { dropPermissible, grantPermissible, requirePermissible } from "./permissibles";

const email = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+$/, "email is not an email address");

export const platformUserInput = z.object({
  name: z.string().trim().min(1, "name can't be blank").max(255).optional(),
  display_name: z.string().trim().max(255).nullable().optional(),
  email: email.optional(),
  password: z.string().max(1024).optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
});
export type PlatformUserInput = z.input<typeof platformUserInput>;

export type PlatformUser = {
  user: User;
  memberships: { accountId: number; accountName: string; role: "administrator" | "agent" }[];
  /** The new user's API access token, shown on creation only (stored hashed). */
  accessToken: string | null;
};

async function withMemberships(db: DbOrTx, user: User, accessToken: string | null = null): Promise<PlatformUser> {
  const memberships = await db
    .select({ accountId: accountUsers.accountId, accountName: accounts.name, role: accountUsers.role })
    .from(accountUsers)
    .innerJoin(accounts, eq(accounts.id, accountUsers.accountId))
    .where(eq(accountUsers.userId, user.id))
    .orderBy(accountUsers.id);
  return { user, memberships, accessToken };
}

/**
 * Creates a user owned by the platform app. Unlike Chatwoot, an address that already has a user is
 * refused (unless this app made that user, which makes the call idempotent): otherwise any platform
 * app could claim an existing person and then ask for a sign-in link as them.
 */
export async function createPlatformUser(db: DbOrTx, platformAppId: number, params: PlatformUserInput): Promise<PlatformUser> {
  const input = parseInput(platformUserInput, params, "api");
  if (!input.email) throw invalid("email can't be blank", { field: "email" });
  const address = input.email;
  return inTransaction(db, async (tx) => {
    const existing = await findUserByEmail(tx, address);
    if (existing) {
      await requirePermissible(tx, platformAppId, "User", existing.id).catch(() => {
        throw invalid("Email has already been taken", { field: "email" });
      });
      return withMemberships(tx, existing);
    }
    const accessToken = generateApiAccessToken();
    const [user] = await tx
      .insert(users)
      .values({
        email: address,
        name: input.name || address.split("@")[0] || address,
        displayName: input.display_name ?? null,
        // Platform users usually sign in through login links; a password is theirs to set later.
        passwordHash: await hashPassword(input.password ?? generatePassword()),
        apiAccessTokenHash: hashToken(accessToken),
        customAttributes: input.custom_attributes ?? {},
      })
      .returning();
    await grantPermissible(tx, platformAppId, "User", user.id);
    return withMemberships(tx, user, accessToken);
  });
}

/** 404 for a user that does not exist, 401 for one another platform app made. */
export async function getPlatformUser(db: DbOrTx, platformAppId: number, userId: number): Promise<PlatformUser> {
  const user = await requirePlatformUser(db, platformAppId, userId);
  return withMemberships(db, user);
}

export async function requirePlatformUser(db: DbOrTx, platformAppId: number, userId: number): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw notFound("User");
  await requirePermissible(db, platformAppId, "User", userId);
  return user;
}

/** Changes what is given; a new password ends the user's sessions; custom attributes are merged. */
export async function updatePlatformUser(db: DbOrTx, platformAppId: number, userId: number, params: PlatformUserInput): Promise<PlatformUser> {
  const input = parseInput(platformUserInput, params, "api");
  const current = await requirePlatformUser(db, platformAppId, userId);
  if (input.email) {
    const holder = await findUserByEmail(db, input.email);
    if (holder && holder.id !== userId) throw invalid("Email has already been taken", { field: "email" });
  }
  const [user] = await db
    .update(users)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
      ...(input.email ? { email: input.email } : {}),
      ...(input.password ? { passwordHash: await hashPassword(input.password), sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      ...(input.custom_attributes ? { customAttributes: { ...current.customAttributes, ...input.custom_attributes } } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning();
  if (input.password) await endRealtimeAccess([userId]);
  return withMemberships(db, user);
}

export async function deletePlatformUser(db: DbOrTx, platformAppId: number, userId: number): Promise<void> {
  await requirePlatformUser(db, platformAppId, userId);
  await inTransaction(db, async (tx) => {
    await tx.delete(users).where(eq(users.id, userId));
    await dropPermissible(tx, "User", userId);
  });
  await endRealtimeAccess([userId]);
}

/** Account users of an account the app owns (Chatwoot: GET/POST/DELETE .../account_users). */
export async function listPlatformAccountUsers(db: DbOrTx, platformAppId: number, accountId: number) {
  await requirePlatformAccount(db, platformAppId, accountId);
  return db
    .select({ accountId: accountUsers.accountId, userId: accountUsers.userId, role: accountUsers.role })
    .from(accountUsers)
    .where(eq(accountUsers.accountId, accountId))
    .orderBy(accountUsers.id);
}

export const accountUserInput = z.object({
  user_id: z.coerce.number().int().positive(),
  role: z.enum(["administrator", "agent"]).default("agent"),
});

/**
 * Adds a user to the account with a role (or changes the role). Both must be the app's own: a
 * platform app cannot put someone else's user into its account, nor its user into another's.
 */
export async function addPlatformAccountUser(db: DbOrTx, platformAppId: number, accountId: number, params: z.input<typeof accountUserInput>) {
  const input = parseInput(accountUserInput, params, "api");
  await requirePlatformAccount(db, platformAppId, accountId);
  await requirePlatformUser(db, platformAppId, input.user_id);
  const [row] = await db
    .insert(accountUsers)
    .values({ accountId, userId: input.user_id, role: input.role })
    .onConflictDoUpdate({ target: [accountUsers.accountId, accountUsers.userId], set: { role: input.role, updatedAt: new Date() } })
    .returning({ accountId: accountUsers.accountId, userId: accountUsers.userId, role: accountUsers.role });
  return row;
}

export async function removePlatformAccountUser(db: DbOrTx, platformAppId: number, accountId: number, userId: number): Promise<void> {
  await requirePlatformAccount(db, platformAppId, accountId);
  const removed = await db
    .delete(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
    .returning({ id: accountUsers.id });
  if (removed.length > 0) await endRealtimeAccess([userId]);
}

async function requirePlatformAccount(db: DbOrTx, platformAppId: number, accountId: number): Promise<void> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!row) throw notFound("Account");
  await requirePermissible(db, platformAppId, "Account", accountId);
}
