import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { bulkAction, createViewAction, deleteViewAction, updateViewAction } from "@/app/_server/actions/list-tools";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { filterConversations } from "@/lib/conversations/filter/filter-conversations";
import { listCustomFilters } from "@/lib/custom-filters/manage";
import { matchingItems } from "@/components/conversations/bulk-scope";
import { itemsOfQuery, toPayload } from "@/components/conversations/filter-url";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { useJobRunner } from "../../support/job-runner";

/**
 * The conversation list's server actions (saved views, bulk actions) and the tab narrowing the
 * screen adds to the advanced filter, run as the signed-in agent would run them.
 */
const db = useTestDatabase();
useJobRunner(db);
const as = (userId: number) => ({ actor: userActor(userId), userId });

describe("the list's tools", () => {
  it("saves, updates, renames and deletes an agent's own view, in Chatwoot's custom_filter shape", async () => {
    const w = await f.createWorkspace(db());
    const payload = toPayload([{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "and" }, { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] }]);
    const created = await runActionAs(createViewAction, as(w.agent.id), { accountId: w.account.id, name: "Urgent", payload });
    if (!created.ok) throw new Error(created.error);
    const [view] = await listCustomFilters(db(), userActor(w.agent.id), w.account.id);
    expect(view).toMatchObject({ id: created.data.id, name: "Urgent", filterType: "conversation", query: { payload } });
    // What /custom_view/{id} reads back is the filter that was saved.
    expect(toPayload(itemsOfQuery(view.query) ?? [])).toEqual(payload);
    expect(await runActionAs(updateViewAction, as(w.agent.id), { accountId: w.account.id, viewId: view.id, name: "Very urgent" })).toEqual({ ok: true, data: null });
    expect((await listCustomFilters(db(), userActor(w.agent.id), w.account.id))[0]).toMatchObject({ name: "Very urgent", query: { payload } });
    // Another agent cannot touch it; a payload the filter refuses is refused.
    expect(await runActionAs(deleteViewAction, as(w.admin.id), { accountId: w.account.id, viewId: view.id })).toMatchObject({ ok: false });
    const bad = await runActionAs(updateViewAction, as(w.agent.id), { accountId: w.account.id, viewId: view.id, payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["lost"] }] });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining("status") });
    expect(await runActionAs(deleteViewAction, as(w.agent.id), { accountId: w.account.id, viewId: view.id })).toEqual({ ok: true, data: null });
    expect(await listCustomFilters(db(), userActor(w.agent.id), w.account.id)).toEqual([]);
  });

  it("narrows a filter with OR groups to the Mine tab in every group, for the page and for 'all matching'", async () => {
    const w = await f.createWorkspace(db());
    const mineUrgent = await f.createConversation(db(), w.account.id, w.inbox.id, { priority: "urgent", assigneeId: w.agent.id });
    const othersUrgent = await f.createConversation(db(), w.account.id, w.inbox.id, { priority: "urgent", status: "snoozed", assigneeId: w.admin.id });
    const mineResolved = await f.createConversation(db(), w.account.id, w.inbox.id, { status: "resolved", assigneeId: w.agent.id });
    await f.createConversation(db(), w.account.id, w.inbox.id, { status: "resolved" });
    const items = [
      { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"], query_operator: "or" as const },
      { attribute_key: "status", filter_operator: "equal_to", values: ["resolved"] },
    ];
    const page = await filterConversations(db(), userActor(w.agent.id), w.account.id, { payload: toPayload(items) as never }, "me");
    expect(page.conversations.map((c) => c.id).sort()).toEqual([mineUrgent.id, mineResolved.id].sort());
    expect(page.meta).toMatchObject({ mineCount: 2, allCount: 4 });

    // "Select all matching" on that tab reopens exactly those two, as a queued job.
    const filter = toPayload(matchingItems({ filter: items, assigneeType: "me", meId: w.agent.id }));
    const started = await runActionAs(bulkAction, as(w.agent.id), { accountId: w.account.id, filter, status: "open", assigneeId: null });
    expect(started).toMatchObject({ ok: true, data: { queued: true } });
    await expect.poll(async () => (await db().select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, mineResolved.id)))[0].a, { timeout: 15_000 }).toBeNull();
    const statusOf = async (id: number) => (await db().select({ s: conversations.status, a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, id)))[0];
    expect(await statusOf(mineResolved.id)).toEqual({ s: "open", a: null });
    expect(await statusOf(othersUrgent.id)).toEqual({ s: "snoozed", a: w.admin.id });
  });

  it("applies a small selection of rows within the request and answers the counts", async () => {
    const w = await f.createWorkspace(db());
    const hidden = await f.createInbox(db(), w.account.id, { name: "Private", memberIds: [] });
    const own = await f.createConversation(db(), w.account.id, w.inbox.id);
    const secret = await f.createConversation(db(), w.account.id, hidden.id);
    const result = await runActionAs(bulkAction, as(w.agent.id), { accountId: w.account.id, ids: [own.displayId, secret.displayId], status: "resolved" });
    expect(result).toMatchObject({ ok: true, data: { queued: false, progress: { total: 2, done: 2, failed: 1 } } });
  });
});
