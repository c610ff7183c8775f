"use server";

import { z } from "zod";
import { listAgents } from "@/lib/accounts/agents";
import { startBulkAction } from "@/lib/bulk-actions/run";
import { createCustomFilter, deleteCustomFilter, updateCustomFilter } from "@/lib/custom-filters/manage";
import { serverAction } from "../action";

/**
 * The conversation list's tools: saved views (Chatwoot custom_filters of type conversation), the
 * filter builder's agent choices, and bulk actions on selected rows. Each calls the domain
 * function the API calls, which authorizes.
 */
const id = z.number().int().positive();
// The domain validates the conditions themselves (lib/conversations/filter/payload.ts).
const payload = z.array(z.record(z.string(), z.unknown())).min(1).max(20);

export const createViewAction = serverAction(z.object({ accountId: id, name: z.string().max(255), payload }), async ({ db, actor }, { accountId, name, payload }) => {
  const view = await createCustomFilter(db, actor, accountId, { name, filter_type: "conversation", query: { payload } });
  return { id: view.id };
});

export const updateViewAction = serverAction(
  z.object({ accountId: id, viewId: id, name: z.string().max(255).optional(), payload: payload.optional() }),
  async ({ db, actor }, { accountId, viewId, name, payload }) => {
    await updateCustomFilter(db, actor, accountId, viewId, { ...(name !== undefined ? { name } : {}), ...(payload ? { query: { payload } } : {}) });
    return null;
  },
);

export const deleteViewAction = serverAction(z.object({ accountId: id, viewId: id }), async ({ db, actor }, { accountId, viewId }) => {
  await deleteCustomFilter(db, actor, accountId, viewId);
  return null;
});

/** The builder's assignee choices, asked for when it opens rather than on every list render. */
export const filterAgentsAction = serverAction(
  z.object({ accountId: id }),
  async ({ db, actor }, { accountId }) => (await listAgents(db, actor, accountId)).map((a) => ({ id: a.id, name: a.displayName || a.name })),
  { refresh: false },
);

const bulkFields = {
  status: z.enum(["open", "pending", "resolved", "snoozed"]).optional(),
  snoozedUntil: z.string().max(40).nullable().optional(),
  assigneeId: id.nullable().optional(),
  teamId: id.nullable().optional(),
  read: z.enum(["read", "unread"]).optional(),
  labels: z.object({ add: z.array(z.string().max(255)).max(100), remove: z.array(z.string().max(255)).max(100) }).optional(),
};

/**
 * Selected rows (display ids) or "all matching" a filter: small selections are applied before the
 * answer; the rest run in a job that reports `bulk_action.progress` to the caller's channel. The
 * rows change for every agent through the domain functions' live events, so no refresh here.
 */
export const bulkAction = serverAction(
  z.object({ accountId: id, ids: z.array(id).max(1000).optional(), filter: payload.optional(), ...bulkFields }),
  async ({ db, actor }, { accountId, ...input }) => {
    const start = await startBulkAction(db, actor, accountId, input as Parameters<typeof startBulkAction>[3]);
    return { runId: start.runId, queued: start.queued, progress: start.progress };
  },
  { refresh: false },
);
