import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountInvitations, type AccountInvitation } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requireAccountAccess, requireAdministrator } from "../access";

/**
 * An invitation not accepted yet, as the inviting account sees it: only what its administrator
 * typed (name, email, role) and where the invitation stands — never anything of a user the address
 * may already belong to.
 */
export type PendingInvitation = {
  id: number;
  accountId: number;
  email: string;
  name: string;
  role: "administrator" | "agent";
  customRoleId: number | null;
  createdAt: Date;
  /** When the email went out; null while the job has not sent it yet. */
  sentAt: Date | null;
  expiresAt: Date;
  expired: boolean;
};

export function toPendingInvitation(row: AccountInvitation): PendingInvitation {
  return {
    id: row.id,
    accountId: row.accountId,
    email: row.email,
    name: row.name,
    role: row.role,
    customRoleId: row.customRoleId,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt.getTime() <= Date.now(),
  };
}

/** Administrators only: an invitation names an address that is not (yet) a member. */
export async function listPendingInvitations(db: DbOrTx, actor: Actor, accountId: number): Promise<PendingInvitation[]> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const rows = await db
    .select()
    .from(accountInvitations)
    .where(and(eq(accountInvitations.accountId, accountId), isNull(accountInvitations.acceptedAt)))
    .orderBy(asc(accountInvitations.email));
  return rows.map(toPendingInvitation);
}

/** Withdraws an open invitation: its link stops working at once. */
export async function cancelInvitation(db: DbOrTx, actor: Actor, accountId: number, invitationId: number): Promise<void> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  await inTransaction(db, async (tx) => {
    const deleted = await tx
      .delete(accountInvitations)
      .where(and(eq(accountInvitations.accountId, accountId), eq(accountInvitations.id, invitationId), isNull(accountInvitations.acceptedAt)))
      .returning({ id: accountInvitations.id });
    if (deleted.length === 0) throw notFound("Invitation");
  });
}
