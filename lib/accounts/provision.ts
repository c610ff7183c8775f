import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, accounts, signInAttempts, users } from "@/db/schema";
import type { accountRole } from "@/db/schema";
import { findUserByEmail } from "@/lib/auth/find-user";
import { hashPassword } from "@/lib/auth/password";
import { generateApiAccessToken, generatePassword, hashToken } from "@/lib/auth/tokens";
import { AppError, invalid, notFound } from "@/lib/errors";
import { inTransaction } from "@/db/transaction";

/**
 * Operator-level provisioning used by the start script (first run), the CLI and test seeds.
 * These functions trust their caller (no Actor): they are never reachable from a request.
 */
type Role = (typeof accountRole.enumValues)[number];

const emailPattern = /^[^\s@]+@[^\s@]+$/;

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!emailPattern.test(trimmed)) throw invalid(`"${email}" is not an email address`, { field: "email" });
  return trimmed;
}

const nameFromEmail = (email: string) => email.split("@")[0] || email;

/** Creates a user, or returns the existing one with that email (its password is left alone). */
async function findOrCreateUser(
  tx: DbOrTx,
  input: { email: string; name?: string; password?: string },
): Promise<{ userId: number; apiAccessToken: string | null; password?: string; created: boolean }> {
  const existing = await findUserByEmail(tx, input.email);
  // Tokens are stored hashed: an existing user's token cannot be shown (they reset it in their profile).
  if (existing) return { userId: existing.id, apiAccessToken: null, created: false };
  const apiAccessToken = generateApiAccessToken();
  const password = input.password ?? generatePassword();
  const [user] = await tx
    .insert(users)
    .values({
      email: input.email,
      name: input.name?.trim() || nameFromEmail(input.email),
      passwordHash: await hashPassword(password),
      apiAccessTokenHash: hashToken(apiAccessToken),
      // The operator vouches for the address.
      confirmedAt: new Date(),
    })
    .returning({ id: users.id });
  return { userId: user.id, apiAccessToken, password, created: true };
}

export type ProvisionedAccount = {
  accountId: number;
  userId: number;
  /** A new user's API access token, shown this once; null when the user already existed. */
  apiAccessToken: string | null;
  /** The password to hand to the administrator; null when the user already existed (theirs is unchanged). */
  password: string | null;
};

/**
 * A new account with an administrator, in one transaction. When a user with that email already
 * exists they become an administrator of the new account and keep their password.
 */
export async function createAccountWithAdmin(
  db: DbOrTx,
  input: { accountName: string; email: string; name?: string; password?: string },
): Promise<ProvisionedAccount> {
  const accountName = input.accountName.trim();
  if (!accountName) throw invalid("Account name is required", { field: "name" });
  const email = checkEmail(input.email);
  return inTransaction(db, async (tx) => {
    const [account] = await tx.insert(accounts).values({ name: accountName }).returning({ id: accounts.id });
    const user = await findOrCreateUser(tx, { email, name: input.name, password: input.password });
    await tx.insert(accountUsers).values({ accountId: account.id, userId: user.userId, role: "administrator" });
    return { accountId: account.id, userId: user.userId, apiAccessToken: user.apiAccessToken, password: user.password ?? null };
  });
}

/** Adds a user (new or existing) to an account with a role; an existing member gets the new role. */
export async function createUserInAccount(
  db: DbOrTx,
  input: { accountId: number; email: string; name: string; role: Role; password?: string },
): Promise<ProvisionedAccount> {
  const email = checkEmail(input.email);
  return inTransaction(db, async (tx) => {
    const [account] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
    if (!account) throw notFound(`Account ${input.accountId}`);
    const user = await findOrCreateUser(tx, { email, name: input.name, password: input.password });
    await tx
      .insert(accountUsers)
      .values({ accountId: account.id, userId: user.userId, role: input.role })
      .onConflictDoUpdate({
        target: [accountUsers.accountId, accountUsers.userId],
        set: { role: input.role, updatedAt: new Date() },
      });
    return { accountId: account.id, userId: user.userId, apiAccessToken: user.apiAccessToken, password: user.password ?? null };
  });
}

/**
 * Sets a new password (generated when not given) and revokes every session of that user.
 * Also clears any sign-in lock, since the operator has just vouched for the person.
 */
export async function resetUserPassword(
  db: DbOrTx,
  input: { email: string; password?: string },
): Promise<{ userId: number; password: string }> {
  const user = await findUserByEmail(db, input.email);
  if (!user) throw notFound(`User ${input.email.trim()}`);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, user.id))
    .returning({ id: users.id });
  if (!row) throw new AppError("conflict", "The user changed while resetting the password, try again");
  await db.delete(signInAttempts).where(eq(signInAttempts.email, user.email.trim().toLowerCase()));
  return { userId: row.id, password };
}
