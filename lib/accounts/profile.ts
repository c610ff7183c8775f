import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, accounts, customRoles, users } from "@/db/schema";
import { notFound } from "@/lib/errors";

export type ProfileAccount = {
  id: number;
  name: string;
  role: "administrator" | "agent";
  /** A custom role in place of "agent" (lib/accounts/permissions.ts), with its permissions. */
  customRoleId: number | null;
  customRoleName: string | null;
  permissions: string[] | null;
  availability: "online" | "busy" | "offline";
  autoOffline: boolean;
};

export type Profile = {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  /** Whether the user has an API access token (it is stored hashed and shown only when made). */
  hasApiAccessToken: boolean;
  /** The email signature (sanitized HTML) and whether it is appended to the user's email replies. */
  messageSignature: string | null;
  signatureOnReplies: boolean;
  createdAt: Date;
  accounts: ProfileAccount[];
};

/** The signed-in user's own profile with every account they belong to. */
export async function getProfile(db: DbOrTx, userId: number): Promise<Profile> {
  // Both reads at once: every signed-in page starts with them.
  const [[user], memberships] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        displayName: users.displayName,
        email: users.email,
        hasApiAccessToken: sql<boolean>`${users.apiAccessTokenHash} is not null`,
        messageSignature: users.messageSignature,
        signatureOnReplies: users.signatureOnReplies,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1),
    db
      .select({
        id: accounts.id,
        name: accounts.name,
        role: accountUsers.role,
        customRoleId: customRoles.id,
        customRoleName: customRoles.name,
        permissions: customRoles.permissions,
        availability: accountUsers.availability,
        autoOffline: accountUsers.autoOffline,
      })
      .from(accountUsers)
      .innerJoin(accounts, eq(accounts.id, accountUsers.accountId))
      .leftJoin(customRoles, and(eq(customRoles.id, accountUsers.customRoleId), eq(customRoles.accountId, accountUsers.accountId)))
      .where(eq(accountUsers.userId, userId))
      .orderBy(asc(accounts.id)),
  ]);
  if (!user) throw notFound("User");
  return { ...user, accounts: memberships };
}
