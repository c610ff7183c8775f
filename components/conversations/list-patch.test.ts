import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { ListRow } from "@/components/conversations/list-row";
import { conversationPayload } from "@/lib/realtime/payloads";
import { summaryFromWire } from "./from-wire";
import { applyReadEvent, applyRowEvent, compactPatches, EVENT_ROW_GRACE_MS, LIST_PAGE_SIZE, NO_PATCHES, prunePatches, visibleRows, type ListScope } from "./list-patch";
import { summaryRow } from "./test-rows";

const T0 = Date.parse("2026-11-21T09:00:00.000Z");
const ME = 7;
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const row = (id: number, activityMinute: number, more: Partial<ConversationSummary> = {}): ConversationSummary =>
  summaryRow(id, at(activityMinute), at(0), more);
const me = { id: ME, name: "Me", displayName: null, email: "me@acme.test", availability: "online" as const };
const them = { ...me, id: 8, name: "Them" };

/** The row as the browser gets it: through the real payload and JSON. */
function event(r: ConversationSummary) {
  const p = JSON.parse(JSON.stringify(conversationPayload(r))) as ReturnType<typeof conversationPayload>;
  return { row: summaryFromWire(p.conversation), version: p.version };
}
function patched(...rows: ConversationSummary[]) {
  return rows.reduce((patches, r) => {
    const e = event(r);
    return applyRowEvent(patches, e.row, e.version);
  }, NO_PATCHES);
}

const all: ListScope = { status: "open", assigneeType: "all", meId: ME, page: 1 };
const ids = (rows: ListRow[]) => rows.map((r) => r.id);
// When the server rendered what was on screen: before the events' changes.
const RENDERED = T0 - 60_000;

describe("patching the conversation list from live events", () => {
  it("shows the server's rows untouched when no event came", () => {
    const server = [row(2, 5), row(1, 3)];
    expect(visibleRows(server, NO_PATCHES, all, RENDERED)).toBe(server);
  });

  it("inserts a new conversation at its place: newest activity first, then the higher id", () => {
    const server = [row(3, 9), row(2, 5), row(1, 3)];
    expect(ids(visibleRows(server, patched(row(4, 20)), all, RENDERED))).toEqual([4, 3, 2, 1]);
    expect(ids(visibleRows(server, patched(row(5, 5)), all, RENDERED))).toEqual([3, 5, 2, 1]);
    expect(ids(visibleRows(server, patched(row(0, 5)), all, RENDERED))).toEqual([3, 2, 0, 1]);
  });

  it("moves an updated row to the top with its new preview and unread count", () => {
    const server = [row(3, 9), row(2, 5), row(1, 3)];
    const update = row(1, 12, { unreadCount: 2, lastMessage: { id: 50, content: "Any news?", messageType: "incoming", private: false, createdAt: at(12), senderType: "contact", senderId: 101 } });
    const shown = visibleRows(server, patched(update), all, RENDERED);
    expect(ids(shown)).toEqual([1, 3, 2]);
    expect(shown[0]?.unreadCount).toBe(2);
    expect(shown[0]).toMatchObject({ lastMessage: { content: "Any news?" } });
    expect(shown[0]?.lastActivityAt).toEqual(at(12));
  });

  it("removes a row that no longer matches the status, the tab or the inbox", () => {
    const server = [row(2, 5, { assignee: me }), row(1, 3, { assignee: me })];
    const mine: ListScope = { ...all, assigneeType: "me" };
    expect(ids(visibleRows(server, patched(row(2, 6, { assignee: me, status: "resolved" })), mine, RENDERED))).toEqual([1]);
    expect(ids(visibleRows(server, patched(row(2, 6, { assignee: them })), mine, RENDERED))).toEqual([1]);
    const unassigned: ListScope = { ...all, assigneeType: "unassigned" };
    expect(ids(visibleRows([row(3, 4)], patched(row(3, 6, { assignee: them })), unassigned, RENDERED))).toEqual([]);
    expect(ids(visibleRows([row(3, 4)], patched(row(5, 6, { inboxId: 11 })), { ...all, inboxId: 10 }, RENDERED))).toEqual([3]);
    // ...and shows one that starts to match: assigned to me, reopened.
    expect(ids(visibleRows(server, patched(row(4, 1, { assignee: me })), mine, RENDERED))).toEqual([2, 1, 4]);
    expect(ids(visibleRows([], patched(row(4, 1, { status: "resolved" })), { ...all, status: "resolved" }, RENDERED))).toEqual([4]);
    expect(ids(visibleRows([], patched(row(4, 1, { status: "pending" })), { ...all, status: "all" }, RENDERED))).toEqual([4]);
  });

  it("follows label, team, my-teams and priority filters: a row leaves when a teammate changes them, and joins when it starts to match", () => {
    const billing: ListScope = { ...all, labels: ["Billing"] };
    const server = [row(2, 5, { labels: ["billing"] }), row(1, 3, { labels: ["billing", "vip"] })];
    expect(ids(visibleRows(server, patched(row(2, 6, { labels: ["vip"] })), billing, RENDERED))).toEqual([1]);
    expect(ids(visibleRows(server, patched(row(3, 7, { labels: ["billing"] })), billing, RENDERED))).toEqual([3, 2, 1]);
    const sales = { id: 4, name: "Sales" };
    expect(ids(visibleRows([row(2, 5, { team: sales })], patched(row(2, 6, { team: null })), { ...all, teamId: 4 }, RENDERED))).toEqual([]);
    expect(ids(visibleRows([], patched(row(5, 6, { team: sales })), { ...all, myTeamIds: [4] }, RENDERED))).toEqual([5]);
    expect(ids(visibleRows([], patched(row(5, 6, { team: sales })), { ...all, myTeamIds: [] }, RENDERED))).toEqual([]);
    expect(ids(visibleRows([row(2, 5, { priority: "urgent" })], patched(row(2, 6, { priority: "low" })), { ...all, priority: ["urgent"] }, RENDERED))).toEqual([]);
    expect(ids(visibleRows([], patched(row(6, 6, { priority: null })), { ...all, priority: ["none"] }, RENDERED))).toEqual([6]);
  });

  it("inserts on the first page only, and keeps that page at its size", () => {
    const full = Array.from({ length: LIST_PAGE_SIZE }, (_, i) => row(100 - i, 50 - i));
    const newest = patched(row(200, 60));
    expect(ids(visibleRows(full, newest, all, RENDERED))).toEqual([200, ...ids(full).slice(0, -1)]);
    expect(ids(visibleRows(full, newest, { ...all, page: 2 }, RENDERED))).toEqual(ids(full));
    // A row updated on page 2 still moves within it.
    const shown = visibleRows([row(2, 5), row(1, 3)], patched(row(1, 8)), { ...all, page: 2 }, RENDERED);
    expect(ids(shown)).toEqual([1, 2]);
  });

  it("never rolls back to an older version: late events are ignored", () => {
    const server = [row(2, 5), row(1, 3)];
    const newer = event(row(1, 12, { status: "open", unreadCount: 3 }));
    const older = event(row(1, 10, { status: "resolved" }));
    const patches = applyRowEvent(applyRowEvent(NO_PATCHES, newer.row, newer.version), older.row, older.version);
    const shown = visibleRows(server, patches, all, RENDERED);
    expect(ids(shown)).toEqual([1, 2]);
    expect(shown[0]?.unreadCount).toBe(3);
  });

  it("keeps a newer event's row over an older server render, and takes the server's when it is as new", () => {
    const patches = patched(row(1, 12, { assignee: me }));
    // The refresh computed before the assignment landed after it: the event's row stays.
    expect(visibleRows([row(2, 5), row(1, 3)], patches, all, RENDERED)[0]?.assignee?.id).toBe(ME);
    // The render that includes the change (same updated_at): the server's row, which has everything.
    const fromServer = row(1, 12, { assignee: me, additionalAttributes: { mail_subject: "Printer" } });
    expect(visibleRows([fromServer, row(2, 5)], patches, all, RENDERED)[0]).toBe(fromServer);
  });

  it("drops a row known only from an event once a render made well after it lacks it", () => {
    const patches = patched(row(9, 20));
    const changed = T0 + 20 * 60_000;
    expect(ids(visibleRows([row(1, 3)], patches, all, changed + 500))).toEqual([9, 1]);
    expect(ids(visibleRows([row(1, 3)], patches, all, changed + EVENT_ROW_GRACE_MS + 1))).toEqual([1]);
  });

  it("clears the unread count on a read newer than the last activity, not on an older one", () => {
    const server = [row(2, 5, { unreadCount: 2 }), row(1, 3, { unreadCount: 1 })];
    let patches = applyReadEvent(NO_PATCHES, 2, at(6).getTime(), at(6).getTime());
    patches = applyReadEvent(patches, 1, at(2).getTime(), at(2).getTime());
    const shown = visibleRows(server, patches, all, RENDERED);
    expect(shown.map((r) => r.unreadCount)).toEqual([0, 1]);
    // A late read older than one applied changes nothing.
    expect(applyReadEvent(patches, 2, at(4).getTime(), at(4).getTime())).toBe(patches);
  });

  it("forgets events a later server render includes, keeping the recent ones", () => {
    let patches = patched(row(1, 3), row(2, 20));
    patches = applyReadEvent(patches, 1, at(4).getTime(), at(4).getTime());
    expect(prunePatches(patches, RENDERED)).toBe(patches);
    const pruned = prunePatches(patches, at(20).getTime() + 1000);
    expect([...pruned.rows.keys()]).toEqual([2]);
    expect(pruned.reads.size).toBe(0);
  });
  it("forgets rows no longer shown, so a screen open all day keeps at most two pages of patches", () => {
    const scope: ListScope = { status: "open", assigneeType: "all", meId: ME, page: 1 };
    const server = [row(1, 1)];
    let patches = NO_PATCHES;
    const renderedAt = at(2).getTime();
    for (let id = 100; id < 400; id++) {
      patches = compactPatches(applyRowEvent(patches, row(id, 10 + id), at(10 + id).getTime()), server, scope, renderedAt);
    }
    expect(patches.rows.size).toBeLessThanOrEqual(LIST_PAGE_SIZE * 2);
    const shown = visibleRows(server, patches, scope, renderedAt);
    // The newest rows, newest first; the server's row fell off the full page.
    expect(shown.map((r) => r.id).slice(0, 3)).toEqual([399, 398, 397]);
    expect(shown).toHaveLength(LIST_PAGE_SIZE);
  });

  it("places a patched row by the list's sort, not by last activity", () => {
    // Sorted by created, newest first: a new message in an old conversation leaves it where it is.
    const created: ListScope = { ...all, sortBy: "created_at_desc" };
    const server = [row(3, 1, { createdAt: at(3) }), row(2, 2, { createdAt: at(2) }), row(1, 3, { createdAt: at(1) })];
    expect(ids(visibleRows(server, patched(row(1, 30, { createdAt: at(1) })), created, RENDERED))).toEqual([3, 2, 1]);
    expect(ids(visibleRows(server, patched(row(4, 0, { createdAt: at(4) })), created, RENDERED))).toEqual([4, 3, 2, 1]);
    const oldest: ListScope = { ...all, sortBy: "created_at_asc" };
    expect(ids(visibleRows([...server].reverse(), patched(row(3, 40, { createdAt: at(3) })), oldest, RENDERED))).toEqual([1, 2, 3]);
    // Priority, most urgent first, then newest activity: a row raised to urgent goes to the top, one lowered below the others.
    const priority: ListScope = { ...all, sortBy: "priority_desc" };
    const byPriority = [row(3, 1, { priority: "urgent" }), row(2, 5, { priority: "high" }), row(1, 9, { priority: null })];
    expect(ids(visibleRows(byPriority, patched(row(1, 10, { priority: "urgent" })), priority, RENDERED))).toEqual([1, 3, 2]);
    expect(ids(visibleRows(byPriority, patched(row(3, 10, { priority: "low" })), priority, RENDERED))).toEqual([2, 3, 1]);
    // Waiting longest first; a conversation no longer waiting goes last.
    const waiting: ListScope = { ...all, sortBy: "waiting_since_asc" };
    const byWaiting = [row(1, 9, { waitingSince: at(1) }), row(2, 5, { waitingSince: at(2) }), row(3, 1, { waitingSince: at(3) })];
    expect(ids(visibleRows(byWaiting, patched(row(1, 12, { waitingSince: null })), waiting, RENDERED))).toEqual([2, 3, 1]);
    expect(ids(visibleRows(byWaiting, patched(row(3, 12, { waitingSince: at(3) })), waiting, RENDERED))).toEqual([1, 2, 3]);
  });

  it("drops a row that no longer matches the list's advanced filter, and shows one that starts to match", () => {
    const filtered: ListScope = {
      ...all,
      status: "all",
      filter: [
        { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "and" },
        { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent", "high"], query_operator: "or" },
        { attribute_key: "labels", filter_operator: "equal_to", values: ["VIP"] },
      ],
    };
    const server = [row(2, 5, { priority: "urgent" }), row(1, 3, { priority: "high" })];
    // open AND (urgent or high) OR labelled vip: AND binds first.
    expect(ids(visibleRows(server, patched(row(2, 6, { priority: "urgent", status: "resolved" })), filtered, RENDERED))).toEqual([1]);
    expect(ids(visibleRows(server, patched(row(2, 6, { priority: "urgent", status: "resolved", labels: ["vip"] })), filtered, RENDERED))).toEqual([2, 1]);
    expect(ids(visibleRows(server, patched(row(1, 6, { priority: "low" })), filtered, RENDERED))).toEqual([2]);
    expect(ids(visibleRows(server, patched(row(5, 9, { priority: "high" })), filtered, RENDERED))).toEqual([5, 2, 1]);
    // An attribute the row does not carry (a custom attribute) cannot be judged: the row stays.
    const custom: ListScope = { ...all, filter: [{ attribute_key: "order_number", filter_operator: "equal_to", values: ["A-1"] }] };
    expect(ids(visibleRows(server, patched(row(1, 6, { priority: "high" })), custom, RENDERED))).toEqual([1, 2]);
  });
});
