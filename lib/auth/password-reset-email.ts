import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, channelEmail, inboxes, passwordResets } from "@/db/schema";
import { sendAccountMail, type AccountMailResult } from "@/lib/accounts/account-mail";
import { appUrl } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { createPasswordReset, RESET_TTL_MINUTES } from "./password-reset";
import { generateSecretToken, hashToken } from "./tokens";

const log = createLogger("password-reset");

export const RESET_PASSWORD_PATH = "/reset-password";

/**
 * Which account's outgoing mail carries a user's reset link. An account's mail is readable by its
 * administrators (the local outbox is a page of theirs; an SMTP server is theirs too), and a reset
 * link opens every account the user belongs to. So: a user of one account gets it through that
 * account's mail (its SMTP inbox, or its local outbox); a user of several accounts only through an
 * SMTP inbox (of the account they joined first that has one), never a local outbox; otherwise it
 * is not sent and the operator resets the password (`npm run cli -- user:reset-password`).
 */
async function accountForResetMail(db: Db, userId: number): Promise<number | null> {
  const memberships = await db
    .select({ accountId: accountUsers.accountId })
    .from(accountUsers)
    .where(eq(accountUsers.userId, userId))
    .orderBy(asc(accountUsers.createdAt), asc(accountUsers.id));
  if (memberships.length === 1) return memberships[0].accountId;
  for (const { accountId } of memberships) {
    const [smtp] = await db
      .select({ n: count() })
      .from(inboxes)
      .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
      .where(and(eq(inboxes.accountId, accountId), eq(inboxes.channelType, "email"), eq(channelEmail.smtpEnabled, true)));
    if ((smtp?.n ?? 0) > 0) return accountId;
  }
  return null;
}

/**
 * The send job: records the reset (createPasswordReset: known address, hourly limit), makes the
 * token (only its hash is stored) and emails the link.
 */
export async function sendPasswordResetEmail(db: Db, email: string): Promise<AccountMailResult | { skipped: string }> {
  const reset = await createPasswordReset(db, email);
  if (!reset) return { skipped: "no user or over the hourly limit" };
  const accountId = await accountForResetMail(db, reset.userId);
  if (accountId === null) {
    log.info("password reset not sent: no outgoing mail may carry it", { userId: reset.userId });
    return { skipped: "no outgoing mail" };
  }
  const token = generateSecretToken();
  await db
    .update(passwordResets)
    .set({ tokenHash: hashToken(token), expiresAt: sql`now() + make_interval(mins => ${RESET_TTL_MINUTES})` })
    .where(eq(passwordResets.id, reset.resetId));
  const link = `${appUrl()}${RESET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
  return sendAccountMail(db, {
    accountId,
    kind: "password_reset",
    to: reset.email,
    subject: "Choose a new Postdesk password",
    text: [
      `Hello,`,
      ``,
      `Someone (hopefully you) asked to reset the Postdesk password of ${reset.email}.`,
      ``,
      `Open this link to choose a new password (it works once, for one hour):`,
      link,
      ``,
      `Choosing a new password signs you out everywhere else. If you did not ask for this, ignore this email: your password stays as it is.`,
    ].join("\n"),
  });
}
