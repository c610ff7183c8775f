import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { listScope } from "@/lib/conversations/list-conversations";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { conversationLookupFor } from "@/lib/conversations/filter/conversation-attributes";
import { compileFilter, filterPayload } from "@/lib/conversations/filter/payload";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { assignTeam } from "@/lib/teams/assign-team";
import { markConversationUnread } from "./mark-unread";

const log = createLogger("bulk-actions");

/** Ids a request may name; "all matching" a filter is bounded by MAX_ALL_MATCHING instead. */
export const MAX_BULK_IDS = 1000;
/** The most conversations one "all matching" run changes (a bound on one job's work). */
export const MAX_ALL_MATCHING = 10_000;
/** Conversations handled between two progress reports. */
export const BULK_CHUNK = 25;

const id = z.coerce.number().int().positive();

export const bulkActionInput = z
  .object({
    /** Display ids (Chatwoot's `ids`). */
    ids: z.array(id).max(MAX_BULK_IDS).optional(),
    /** "All matching": a filter payload, resolved when the run starts. */
    filter: filterPayload.optional(),
    status: z.enum(["open", "pending", "resolved", "snoozed"]).optional(),
    snoozedUntil: z.coerce.date().nullable().optional(),
    /** undefined leaves the assignee; null unassigns. */
    assigneeId: id.nullable().optional(),
    read: z.enum(["read", "unread"]).optional(),
    /** undefined leaves the team; null takes the conversations off their team. */
    teamId: id.nullable().optional(),
    labels: z.object({ add: z.array(z.string().max(255)).max(100).default([]), remove: z.array(z.string().max(255)).max(100).default([]) }).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.filter === undefined), { message: "Give either ids or a filter", path: ["ids"] })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined || v.read !== undefined || v.teamId !== undefined || (v.labels && v.labels.add.length + v.labels.remove.length > 0), { message: "Nothing to change", path: ["fields"] });
export type BulkActionInput = z.input<typeof bulkActionInput>;

export type BulkProgress = { total: number; done: number; failed: number };

/**
 * Applies one change to many conversations. Each conversation goes through the same domain
 * function as a single change (toggleStatus, assignConversation, assignTeam,
 * changeConversationLabels, markConversationRead), so it is
 * authorized on its own (a conversation the actor cannot see counts as failed, nothing leaks),
 * committed in its own short transaction, written to the activity log and published live to
 * every agent's list. `onProgress` is called after each chunk.
 */
export async function applyBulkAction(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: BulkActionInput,
  onProgress?: (p: BulkProgress) => Promise<void> | void,
): Promise<BulkProgress> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(bulkActionInput, params, "api");
  const displayIds = input.ids ? [...new Set(input.ids)] : await matchingDisplayIds(db, access, input.filter ?? []);
  const progress: BulkProgress = { total: displayIds.length, done: 0, failed: 0 };
  for (let i = 0; i < displayIds.length; i += BULK_CHUNK) {
    for (const displayId of displayIds.slice(i, i + BULK_CHUNK)) {
      try {
        await applyOne(db, actor, accountId, displayId, input);
      } catch (e) {
        if (!isAppError(e)) log.error("bulk action failed on a conversation", { accountId, displayId, error: String(e) });
        progress.failed++;
      }
      progress.done++;
    }
    await onProgress?.({ ...progress });
  }
  return progress;
}

async function applyOne(db: DbOrTx, actor: Actor, accountId: number, displayId: number, input: z.output<typeof bulkActionInput>): Promise<void> {
  if (input.status !== undefined) {
    await toggleStatus(db, actor, accountId, displayId, { status: input.status, snoozedUntil: input.status === "snoozed" ? (input.snoozedUntil ?? null) : undefined });
  }
  if (input.assigneeId !== undefined) await assignConversation(db, actor, accountId, displayId, { assigneeId: input.assigneeId });
  if (input.teamId !== undefined) await assignTeam(db, actor, accountId, displayId, { teamId: input.teamId });
  if (input.labels && input.labels.add.length + input.labels.remove.length > 0) {
    await changeConversationLabels(db, actor, accountId, displayId, { add: input.labels.add, remove: input.labels.remove });
  }
  if (input.read === "read") await markConversationRead(db, actor, accountId, displayId);
  if (input.read === "unread") await markConversationUnread(db, actor, accountId, displayId);
}

/** The display ids a filter matches now, among the conversations the actor sees, oldest first, bounded. */
async function matchingDisplayIds(db: DbOrTx, access: Awaited<ReturnType<typeof requireAccountAccess>>, payload: z.output<typeof filterPayload>): Promise<number[]> {
  const condition = compileFilter(payload, await conversationLookupFor(db, access.accountId, payload));
  const scope = await listScope(db, access, { status: "all" });
  if (!scope) return [];
  const rows = await db
    .select({ displayId: conversations.displayId })
    .from(conversations)
    .where(sql.join([...scope, condition], sql` and `))
    .orderBy(asc(conversations.id))
    .limit(MAX_ALL_MATCHING);
  return rows.map((r) => r.displayId);
}
