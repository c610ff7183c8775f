import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Db } from "@/db/client";
import { accountMail, accounts, channelEmail, inboxes, type AccountMail } from "@/db/schema";
import { mailDomain } from "@/lib/email/ids";
import { sendViaSmtpWithOAuth } from "@/lib/mailbox/oauth/smtp-login";
import { sendViaSmtp } from "@/lib/mailbox/smtp/send-smtp";

/**
 * Mail Postdesk sends for an account itself (invitations, password resets). It goes out through
 * the account's own outgoing mail — the first email inbox with SMTP enabled, as its address — and,
 * when the account has none (the embedded default), lands in the local outbox (Settings → Outbox),
 * where an administrator can pass the link on. Only outbox mail keeps its bytes in the database.
 * SmtpSendError propagates: the job retries temporary failures.
 */
export type AccountMailInput = {
  accountId: number;
  kind: AccountMail["kind"];
  to: string;
  subject: string;
  text: string;
};

export type AccountMailResult = { transport: "smtp" | "outbox"; via: string | null };

async function firstSmtpInbox(db: Db, accountId: number) {
  const [row] = await db
    .select({ inboxId: inboxes.id, inboxName: inboxes.name, channel: channelEmail })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.channelType, "email"), eq(channelEmail.smtpEnabled, true)))
    .orderBy(asc(inboxes.id))
    .limit(1);
  return row ?? null;
}

export async function sendAccountMail(db: Db, input: AccountMailInput): Promise<AccountMailResult> {
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, input.accountId));
  if (!account) throw new Error(`account ${input.accountId} not found`);
  const smtp = await firstSmtpInbox(db, input.accountId);
  const fromAddress = smtp?.channel.email ?? `no-reply@${mailDomain()}`;
  const raw = await new MailComposer({
    from: { name: account.name, address: fromAddress },
    to: input.to,
    subject: input.subject,
    text: input.text,
    messageId: `<${randomUUID()}@${mailDomain()}>`,
    headers: { "Auto-Submitted": "auto-generated" },
  })
    .compile()
    .build();
  if (smtp) {
    const envelope = { from: fromAddress, to: [input.to] };
    if (smtp.channel.provider === "password") await sendViaSmtp(smtp.channel, envelope, raw);
    else await sendViaSmtpWithOAuth(db, smtp.channel, smtp.inboxId, envelope, raw);
  }
  const transport = smtp ? "smtp" : "outbox";
  const via = smtp ? smtp.inboxName : null;
  await db.insert(accountMail).values({
    accountId: input.accountId,
    kind: input.kind,
    recipient: input.to,
    subject: input.subject,
    transport,
    via,
    raw: smtp ? null : raw.toString("utf8"),
  });
  return { transport, via };
}
