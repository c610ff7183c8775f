import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secrets";

/**
 * Inserts an email inbox (channel_email + inbox rows) directly, like tests/factories: for tests
 * of the inbound pipeline that need one before going through the admin wizard's domain function.
 * The IMAP password is stored encrypted, as the wizard stores it.
 */
export type EmailInboxOptions = {
  email?: string;
  name?: string;
  imap?: {
    host: string;
    port: number;
    login?: string;
    password: string;
    ssl?: boolean;
    folder?: string;
    processedFolder?: string;
    afterImport?: "move" | "mark_seen" | "leave";
  };
  pollIntervalSeconds?: number;
};

export async function createEmailInboxRow(db: DbOrTx, accountId: number, options: EmailInboxOptions = {}) {
  const suffix = randomBytes(4).toString("hex");
  const email = options.email ?? `support-${suffix}@example.test`;
  const imap = options.imap;
  const [channel] = await db
    .insert(channelEmail)
    .values({
      accountId,
      email,
      forwardingToken: `fwd${suffix}${randomBytes(4).toString("hex")}`,
      imapEnabled: imap !== undefined,
      imapAddress: imap?.host ?? null,
      imapPort: imap?.port ?? 993,
      imapLogin: imap ? (imap.login ?? email) : null,
      imapPasswordEnc: imap ? encryptSecret(imap.password) : null,
      imapEnableSsl: imap?.ssl ?? false,
      imapFolder: imap?.folder ?? "INBOX",
      imapProcessedFolder: imap?.processedFolder ?? "Processed",
      imapAfterImport: imap?.afterImport ?? "move",
      pollIntervalSeconds: options.pollIntervalSeconds ?? 60,
    })
    .returning();
  const [inbox] = await db
    .insert(inboxes)
    .values({ accountId, name: options.name ?? `Support ${suffix}`, channelType: "email", channelId: channel.id })
    .returning();
  return { inbox, channel };
}

/** A small RFC 822 message for pipeline tests (CRLF line ends, as on the wire). */
export type RawMailOptions = {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  date?: Date;
  headers?: string[];
  body?: string;
};

export function rawMail(options: RawMailOptions = {}): Buffer {
  const lines = [
    `From: ${options.from ?? "Customer <customer@example.org>"}`,
    `To: ${options.to ?? "support@example.test"}`,
    ...(options.cc ? [`Cc: ${options.cc}`] : []),
    `Subject: ${options.subject ?? "Help with my order"}`,
    `Date: ${(options.date ?? new Date()).toUTCString()}`,
    ...(options.messageId === null ? [] : [`Message-ID: <${options.messageId ?? `${randomBytes(8).toString("hex")}@example.org`}>`]),
    ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`] : []),
    ...(options.references ? [`References: ${options.references}`] : []),
    ...(options.headers ?? []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    options.body ?? "Hello, where is my order?",
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}
