import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelEmail, emailDeliveries, inboxes, messages, type Conversation } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import * as f from "@/tests/factories";

/**
 * An email inbox created the way an administrator creates one (E3's createEmailInbox): SMTP
 * pointing at the test server when given, else no SMTP (the local outbox). No IMAP here.
 */
export async function createEmailInboxRow(
  db: Db,
  accountId: number,
  options: { email?: string; smtp?: { host: string; port: number; login: string; password: string }; memberIds?: number[] } = {},
) {
  const email = options.email ?? `support-${randomBytes(3).toString("hex")}@example.test`;
  const created = await createEmailInbox(db, systemActor("test setup"), accountId, {
    name: "Support",
    memberIds: options.memberIds,
    channel: {
      email,
      imapEnabled: false,
      smtpEnabled: Boolean(options.smtp),
      smtpAddress: options.smtp?.host ?? null,
      smtpPort: options.smtp?.port ?? 587,
      smtpLogin: options.smtp?.login ?? null,
      smtpPassword: options.smtp?.password ?? null,
      smtpEnableSslTls: false,
      smtpEnableStarttlsAuto: false,
      smtpAuthentication: "plain",
    },
  });
  const [inbox] = await db.select().from(inboxes).where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, created.id)));
  const [channel] = await db.select().from(channelEmail).where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, inbox.channelId)));
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
