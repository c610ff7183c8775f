import type { PollResult } from "@/lib/mailbox/imap/poll-mailbox";
import { getDb } from "@/db/client";
import { inboxAudience, narrowedMembersOfInbox } from "@/lib/realtime/narrowed-audience";
import { publishEvent, realtimeEvent } from "@/lib/realtime/publish";

/**
 * Tells the screen that asked for a poll ("Poll now") how it went, on the inbox's channel (its
 * members and the administrators; the health panel it refreshes is theirs) and the member channels
 * of its members whose custom role narrows what they see. Polls nobody waits
 * for publish nothing: every open screen would refresh at each scheduled poll.
 */
export async function publishPollResult(scope: { accountId: number; inboxId: number }, requestId: string, result: PollResult): Promise<void> {
  const narrowed = await narrowedMembersOfInbox(getDb(), scope.accountId, scope.inboxId);
  await publishEvent(
    realtimeEvent("inbox.polled", inboxAudience(scope.accountId, scope.inboxId, narrowed), {
      accountId: scope.accountId,
      inboxId: scope.inboxId,
      requestId,
      ok: result.ok,
      imported: result.imported,
      quarantined: result.quarantined,
      more: result.more,
      error: result.error ?? null,
      version: Date.now(),
    }),
  );
}
