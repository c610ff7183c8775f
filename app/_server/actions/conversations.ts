"use server";

import { z } from "zod";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { retryEmailDelivery } from "@/lib/email/send/retry-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import { serverAction } from "../action";

const id = z.number().int().positive();
const target = { accountId: id, displayId: id };

/** The composer: a reply to the contact, or a private note for agents. */
const addresses = z.array(z.email({ error: (issue) => `${String(issue.input)} is not an email address` }).max(320)).max(50, "At most 50 addresses");

export const sendMessageAction = serverAction(
  z.object({
    ...target,
    content: z.string(),
    /** The composer sends its editor's HTML; the domain sanitizes it and derives the plain text. */
    contentFormat: z.enum(["text", "html"]).default("text"),
    private: z.boolean(),
    /** An email reply's recipients exactly as the composer shows them; a private note has none. */
    recipients: z.object({ to: addresses.min(1, "Add at least one recipient in To"), cc: addresses, bcc: addresses }).optional(),
    /** Files the agent uploaded in the composer (lib/messages/attachment-uploads.ts). */
    uploadIds: z.array(z.string().max(64)).max(10).optional(),
  }),
  async ({ db, actor }, { accountId, displayId, content, contentFormat, private: isPrivate, recipients, uploadIds }) => {
    const contentAttributes = recipients && !isPrivate ? { to_emails: recipients.to, cc_emails: recipients.cc, bcc_emails: recipients.bcc } : {};
    const message = await createMessage(db, actor, accountId, displayId, { content, contentFormat, messageType: "outgoing", private: isPrivate, contentAttributes }, { uploadIds });
    return { id: message.id };
  },
);

export const setStatusAction = serverAction(
  z.object({
    ...target,
    status: z.enum(["open", "pending", "resolved", "snoozed"]),
    /** ISO date-time; only with snoozed. */
    snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  }),
  async ({ db, actor }, { accountId, displayId, status, snoozedUntil }) => {
    const updated = await toggleStatus(db, actor, accountId, displayId, { status, snoozedUntil: snoozedUntil ?? null });
    return { status: updated.status };
  },
);

export const assignAction = serverAction(
  z.object({ ...target, assigneeId: id.nullable() }),
  async ({ db, actor }, { accountId, displayId, assigneeId }) => {
    const updated = await assignConversation(db, actor, accountId, displayId, { assigneeId });
    return { assigneeId: updated.assignee?.id ?? null };
  },
);

/** "Retry" on a reply that failed to go out by email. */
export const retryEmailAction = serverAction(
  z.object({ accountId: id, messageId: id }),
  async ({ db, actor }, { accountId, messageId }) => retryEmailDelivery(db, actor, accountId, messageId),
);

/**
 * The open conversation was shown to the agent: its messages so far are read. Called by the screen
 * after it rendered (MarkReadOnView), never by the page's GET, which only reads.
 */
export const markReadAction = serverAction(
  z.object(target),
  async ({ db, actor }, { accountId, displayId }) => {
    const { agentLastSeenAt } = await markConversationRead(db, actor, accountId, displayId);
    return { agentLastSeenAt: agentLastSeenAt.toISOString() };
  },
  // The caller refreshes (or the read's live event does): see MarkReadOnView.
  { refresh: false },
);
