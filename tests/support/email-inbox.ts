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
