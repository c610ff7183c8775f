import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { channelEmail } from "@/db/schema";
import { mailboxPollRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { AppError, invalid } from "@/lib/errors";
import { loadEmailChannel } from "./email-channel-details";

async function pollableChannel(db: DbOrTx, actor: Actor, accountId: number, inboxId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const channel = await loadEmailChannel(db, accountId, inboxId);
  if (!channel) throw new AppError("not_found", "Email inbox not found");
  if (!channel.imapEnabled) throw invalid("This inbox has no IMAP mailbox to poll: mail reaches it by forwarding");
  return channel;
}

/**
 * "Poll now" (button and API): queues a poll of the inbox's mailbox at once (administrators).
 * When it has finished, `inbox.polled` with this `requestId` is published on the inbox's channel
 * (lib/inboxes/poll-result.ts), so the screen shows the result without a reload.
 */
export async function requestInboxPoll(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<{ queued: true; requestId: string }> {
  await pollableChannel(db, actor, accountId, inboxId);
  const requestId = randomUUID();
  await sendEvent(mailboxPollRequested.create({ accountId, inboxId, requestId }));
  return { queued: true, requestId };
}

export const backfillInput = z.object({
  since: z.coerce
    .date("Backfill date is invalid")
    .refine((d) => d.getTime() <= Date.now(), "Backfill date must be in the past")
    .nullable(),
});
export type BackfillInput = z.input<typeof backfillInput>;

/**
 * Backfill: the next polls also import the mailbox's history since the date, in archive mode
 * (conversations created resolved, no automations or auto-replies). null cancels it.
 */
export async function setInboxBackfill(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: BackfillInput): Promise<{ backfillSince: Date | null }> {
  const channel = await pollableChannel(db, actor, accountId, inboxId);
  const { since } = parseInput(backfillInput, params);
  await db
    .update(channelEmail)
    .set({ backfillSince: since, nextPollAt: new Date(), updatedAt: new Date() })
    .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, channel.id)));
  if (since) await sendEvent(mailboxPollRequested.create({ accountId, inboxId }));
  return { backfillSince: since };
}
