"use server";

import { z } from "zod";
import { deleteQuarantinedEmail } from "@/lib/email/ingest/quarantined-email";
import { reprocessRawEmail } from "@/lib/email/ingest/reprocess-raw-email";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import type { EmailChannelInput } from "@/lib/inboxes/email-inbox-input";
import { requestInboxPoll, setInboxBackfill } from "@/lib/inboxes/email-poll-now";
import { testEmailInboxConnection } from "@/lib/inboxes/email-test-connection";
import { updateEmailInbox } from "@/lib/inboxes/update-email-inbox";
import { serverAction } from "../action";

// The domain validates the settings themselves and names the bad field; here only the shape that
// crossed the wire is checked.
const id = z.number().int().positive();
const channel = z.record(z.string(), z.unknown()).transform((v) => v as EmailChannelInput);

export const createEmailInboxAction = serverAction(
  z.object({ accountId: id, name: z.string(), channel }),
  async ({ db, actor }, { accountId, name, channel: settings }) => {
    const inbox = await createEmailInbox(db, actor, accountId, { name, channel: settings });
    return { id: inbox.id };
  },
);

export const updateEmailInboxAction = serverAction(
  z.object({ accountId: id, inboxId: id, channel }),
  async ({ db, actor }, { accountId, inboxId, channel: settings }) => {
    await updateEmailInbox(db, actor, accountId, inboxId, { channel: settings });
    return null;
  },
);

/** Checks the form's values without saving; no refresh, nothing changed. */
/** Inbox settings: the signature of the inbox's email replies (administrators; sanitized by the domain). */
export const updateInboxSignatureAction = serverAction(
  z.object({ accountId: id, inboxId: id, emailSignature: z.string().nullable() }),
  async ({ db, actor }, { accountId, inboxId, emailSignature }) => {
    await updateEmailInbox(db, actor, accountId, inboxId, { emailSignature });
    return null;
  },
);

export const testEmailConnectionAction = serverAction(
  z.object({ accountId: id, inboxId: id.optional(), channel }),
  async ({ db, actor }, { accountId, inboxId, channel: settings }) => testEmailInboxConnection(db, actor, accountId, { inboxId, channel: settings }),
  { refresh: false },
);

export const pollInboxNowAction = serverAction(z.object({ accountId: id, inboxId: id }), async ({ db, actor }, { accountId, inboxId }) =>
  requestInboxPoll(db, actor, accountId, inboxId),
);

export const setInboxBackfillAction = serverAction(
  z.object({ accountId: id, inboxId: id, since: z.string().nullable() }),
  async ({ db, actor }, { accountId, inboxId, since }) => {
    const result = await setInboxBackfill(db, actor, accountId, inboxId, { since: since || null });
    return { backfillSince: result.backfillSince?.toISOString() ?? null };
  },
);

// No refresh: the row stays on screen with its result in words (and the conversation's link)
// instead of vanishing from the list with the answer.
export const reprocessRawEmailAction = serverAction(
  z.object({ accountId: id, rawEmailId: id }),
  async ({ db, actor }, { accountId, rawEmailId }) => {
    const result = await reprocessRawEmail(db, actor, accountId, rawEmailId);
    return { status: result.status, reason: result.reason ?? null, summary: result.summary, conversationDisplayId: result.conversationDisplayId ?? null };
  },
  { refresh: false },
);

export const deleteQuarantinedEmailAction = serverAction(z.object({ accountId: id, rawEmailId: id }), async ({ db, actor }, { accountId, rawEmailId }) => {
  await deleteQuarantinedEmail(db, actor, accountId, rawEmailId);
  return null;
});
