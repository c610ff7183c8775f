import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountInvitations, accounts, type AccountInvitation } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";

/** How long an invitation link works after it was emailed. */
export const INVITATION_TTL_DAYS = 7;
export const invitationExpiry = () => sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`;

export const INVITATION_UNUSABLE_MESSAGE = "This invitation link is not valid any more: it was used, replaced by a newer one, or has expired. Ask an administrator to send a new invitation.";

const MAX_TOKEN_LENGTH = 200;

/**
 * The open invitation a link names, or an AppError in words. Single use: accepting sets
 * accepted_at, and a resent invitation replaces the hash, so an older link stops working.
 */
export async function findInvitationByToken(
  db: DbOrTx,
  token: string,
  options: { lock?: boolean } = {},
): Promise<AccountInvitation & { accountName: string }> {
  if (!token || token.length > MAX_TOKEN_LENGTH) throw new AppError("not_found", INVITATION_UNUSABLE_MESSAGE);
  const query = db
    .select({ invitation: accountInvitations, accountName: accounts.name })
    .from(accountInvitations)
    .innerJoin(accounts, eq(accounts.id, accountInvitations.accountId))
    .where(
      and(eq(accountInvitations.tokenHash, hashToken(token)), isNull(accountInvitations.acceptedAt), gt(accountInvitations.expiresAt, sql`now()`)),
    )
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: accountInvitations }) : await query;
  if (!row) throw new AppError("not_found", INVITATION_UNUSABLE_MESSAGE);
  return { ...row.invitation, accountName: row.accountName };
}
