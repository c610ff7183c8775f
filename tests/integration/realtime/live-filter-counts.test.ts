import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { liveCounts, type LiveCountsInput } from "@/lib/conversations/live-counts";
import { filterConversations } from "@/lib/conversations/filter/filter-conversations";
import { decodeFilter, encodeFilter, toPayload, type FilterItem } from "@/components/conversations/filter-url";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

/**
 * The live counts of a list under an advanced filter (components/realtime/live-counts.tsx sends
 * the filter as the list's URL encodes it): the tab counts of the filter's match, per viewer, the
 * same a render of the filtered list shows.
 */
describe("live counts under an advanced filter", () => {
  it("are the filtered list's Mine / Unassigned / All, for this viewer, and refuse a filter the domain refuses", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    await f.createConversation(db(), account.id, inbox.id, { priority: "urgent", assigneeId: agent.id });
    await f.createConversation(db(), account.id, inbox.id, { priority: "urgent", status: "pending" });
    await f.createConversation(db(), account.id, inbox.id, { priority: "urgent", assigneeId: admin.id });
    await f.createConversation(db(), account.id, inbox.id, { priority: "low", assigneeId: agent.id });
    const hidden = await f.createInbox(db(), account.id, { name: "Admins only", memberIds: [admin.id] });
    await f.createConversation(db(), account.id, hidden.id, { priority: "urgent" });

    const items: FilterItem[] = [{ attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] }];
    // What the route hands the domain: the URL's encoding, decoded.
    const filter = toPayload(decodeFilter(encodeFilter(items)) ?? []) as LiveCountsInput["filter"] & object;
    const forAgent = await liveCounts(db(), userActor(agent.id), account.id, { tabs: { status: "open" }, filter });
    expect(forAgent.tabs).toEqual({ mineCount: 1, unassignedCount: 1, allCount: 3 });
    const forAdmin = await liveCounts(db(), userActor(admin.id), account.id, { filter });
    expect(forAdmin.tabs).toEqual({ mineCount: 1, unassignedCount: 2, allCount: 4 });
    expect(forAdmin.tabs).toEqual((await filterConversations(db(), userActor(admin.id), account.id, { payload: filter })).meta);

    const unknown = toPayload([{ attribute_key: "colour", filter_operator: "equal_to", values: ["red"] }]) as LiveCountsInput["filter"];
    await expect(liveCounts(db(), userActor(agent.id), account.id, { filter: unknown })).rejects.toMatchObject({ code: "invalid" });
  });
});
