import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelEmail, emailDeliveries, inboxes, messages, type Conversation } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secrets";
import * as f from "@/tests/factories";

/**
 * An email inbox row set up directly (until E3's createEmailInbox is used here): SMTP pointing at
 * the test server when given, else no SMTP (the local outbox).
 */
export async function createEmailInboxRow(
  db: Db,
  accountId: number,
  options: { email?: string; smtp?: { host: string; port: number; login: string; password: string }; memberIds?: number[] } = {},
) {
  const email = options.email ?? `support-${randomBytes(3).toString("hex")}@example.test`;
  const [channel] = await db
    .insert(channelEmail)
    .values({
      accountId,
      email,
      forwardingToken: randomBytes(8).toString("hex"),
      smtpEnabled: Boolean(options.smtp),
      smtpAddress: options.smtp?.host,
      smtpPort: options.smtp?.port,
      smtpLogin: options.smtp?.login,
      smtpPasswordEnc: options.smtp ? encryptSecret(options.smtp.password) : null,
      smtpEnableSslTls: false,
      smtpEnableStarttlsAuto: false,
      smtpAuthentication: "plain",
    })
    .returning();
  const [inbox] = await db.insert(inboxes).values({ accountId, name: "Support", channelType: "email", channelId: channel.id }).returning();
  for (const userId of options.memberIds ?? []) await f.addInboxMember(db, accountId, inbox.id, userId);
  return { inbox, channel };
}

/** An inbound email as ingestion stores it: Message-ID in source_id, headers in content_attributes.email. */
export async function createInboundEmail(
  db: Db,
  conversation: Conversation,
  email: { messageId: string; subject: string; from: string; to: string[]; cc?: string[]; references?: string[]; threadIndex?: string },
) {
  return f.createMessage(db, conversation, {
    messageType: "incoming",
    content: "Help, please",
    sourceId: email.messageId,
    contentAttributes: {
      email: {
        message_id: email.messageId,
        subject: email.subject,
        from: [email.from],
        to: email.to,
        cc: email.cc ?? [],
        references: email.references ?? [],
        in_reply_to: [],
        ...(email.threadIndex ? { thread_index: email.threadIndex } : {}),
      },
    },
  });
}

export async function deliveryOf(db: Db, messageId: number) {
  const [delivery] = await db.select().from(emailDeliveries).where(eq(emailDeliveries.messageId, messageId));
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  return { delivery, message };
}
