import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountListVersions, accountUsers, accounts, customRoles, users } from "@/db/schema";
import { preparedPerDb } from "@/db/named-statement";
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
  /** Moves with every change to the account's labels, teams, saved views, definitions and inboxes (db/schema/account-lists.ts). */
  listsVersion: number;
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
/** One statement (every signed-in page starts with it): the user, once per membership row. */
const profileRows = preparedPerDb((db) =>
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
      account: {
        id: accounts.id,
        name: accounts.name,
        role: accountUsers.role,
        customRoleId: customRoles.id,
        customRoleName: customRoles.name,
        permissions: customRoles.permissions,
        availability: accountUsers.availability,
        autoOffline: accountUsers.autoOffline,
        listsVersion: sql<number>`coalesce(${accountListVersions.version}, 0)::float8`,
      },
    })
    .from(users)
    .leftJoin(accountUsers, eq(accountUsers.userId, users.id))
    .leftJoin(accounts, eq(accounts.id, accountUsers.accountId))
    .leftJoin(accountListVersions, eq(accountListVersions.accountId, accountUsers.accountId))
    .leftJoin(customRoles, and(eq(customRoles.id, accountUsers.customRoleId), eq(customRoles.accountId, accountUsers.accountId)))
    .where(eq(users.id, sql.placeholder("userId")))
    .orderBy(asc(accounts.id))
    .prepare("profile"),
);

export async function getProfile(db: DbOrTx, userId: number): Promise<Profile> {
  const rows = await profileRows(db).execute({ userId });
  const [first] = rows;
  if (!first) throw notFound("User");
  const { account: _, ...user } = first;
  const memberships = rows.flatMap(({ account }) => (account && account.id !== null && account.role !== null ? [account as ProfileAccount] : []));
  return { ...user, accounts: memberships };
}
