import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { userActor, type Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { forbidden } from "@/lib/errors";
import { bulkActionRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { userChannel } from "@/lib/realtime/channels";
import { publishEvent, realtimeEvent } from "@/lib/realtime/publish";
import { applyBulkAction, bulkActionInput, type BulkActionInput, type BulkProgress } from "./conversations";

/** Up to this many named conversations are changed within the request; more, or a filter, go to a job. */
export const INLINE_BULK_LIMIT = 100;

export type BulkActionStart = { runId: string; queued: boolean; progress: BulkProgress | null };

/**
 * Starts a bulk action for a user: small selections run now (the answer carries the result); a
 * filter ("all matching") or a large selection is queued, and the job reports progress on the
 * user's channel (`bulk_action.progress`, with the run id returned here).
 */
export async function startBulkAction(db: DbOrTx, actor: Actor, accountId: number, params: BulkActionInput): Promise<BulkActionStart> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw forbidden("Bulk actions are run by an agent");
  const input = parseInput(bulkActionInput, params, "api");
  const runId = randomUUID();
  if (input.ids && input.ids.length <= INLINE_BULK_LIMIT) {
    return { runId, queued: false, progress: await applyBulkAction(db, actor, accountId, input) };
  }
  await sendEvent(bulkActionRequested.create({ accountId, userId: access.userId, runId, action: JSON.parse(JSON.stringify(params)) as Record<string, unknown> }));
  return { runId, queued: true, progress: null };
}

/** The job's body: runs the action as the user (their access now, not when they asked), reporting each chunk. */
export async function runQueuedBulkAction(db: DbOrTx, data: { accountId: number; userId: number; runId: string; action: Record<string, unknown> }): Promise<BulkProgress> {
  const report = (p: BulkProgress, finished: boolean) =>
    publishEvent(realtimeEvent("bulk_action.progress", [userChannel(data.userId)], { runId: data.runId, ...p, finished }));
  const result = await applyBulkAction(db, userActor(data.userId), data.accountId, data.action as BulkActionInput, (p) => report(p, false));
  await report(result, true);
  return result;
}
