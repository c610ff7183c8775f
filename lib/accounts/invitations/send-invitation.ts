import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountInvitations, accounts } from "@/db/schema";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { appUrl } from "@/lib/env";
import { sendAccountMail, type AccountMailResult } from "../account-mail";
import { INVITATION_TTL_DAYS, invitationExpiry } from "./invitation-token";

export const ACCEPT_INVITATION_PATH = "/accept-invitation";

/**
 * Emails an invitation's link (the send job). The token is made here and only its hash is saved,
 * so the link exists nowhere but in the email (and, without SMTP, in the local outbox). A retry
 * after a failed send makes a new token: an earlier link that may have gone out stops working.
 * An invitation accepted or withdrawn meanwhile is not sent.
 */
export async function sendInvitationEmail(db: Db, accountId: number, invitationId: number): Promise<AccountMailResult | { skipped: true }> {
  const token = generateSecretToken();
  const [invitation] = await db
    .update(accountInvitations)
    .set({ tokenHash: hashToken(token), sentAt: sql`now()`, expiresAt: invitationExpiry(), updatedAt: sql`now()` })
    .where(and(eq(accountInvitations.accountId, accountId), eq(accountInvitations.id, invitationId), isNull(accountInvitations.acceptedAt)))
    .returning();
  if (!invitation) return { skipped: true };
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  const accountName = account?.name ?? "Postdesk";
  const link = `${appUrl()}${ACCEPT_INVITATION_PATH}?token=${encodeURIComponent(token)}`;
  const role = invitation.role === "administrator" ? "an administrator" : "an agent";
  return sendAccountMail(db, {
    accountId,
    kind: "invitation",
    to: invitation.email,
    subject: `You are invited to join ${accountName} on Postdesk`,
    text: [
      `Hello,`,
      ``,
      `You are invited to join ${accountName} on Postdesk as ${role}.`,
      ``,
      `Open this link to accept (it works once, for ${INVITATION_TTL_DAYS} days):`,
      link,
      ``,
      `If you already use Postdesk, sign in with this email address and accept; otherwise you will choose your password.`,
      `If you did not expect this invitation, ignore this email: nothing changes until you accept.`,
    ].join("\n"),
  });
}
