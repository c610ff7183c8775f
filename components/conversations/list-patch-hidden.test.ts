import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { ListRow } from "@/components/conversations/list-row";
import { conversationHiddenPayload, conversationPayload } from "@/lib/realtime/payloads";
import { summaryFromWire } from "./from-wire";
import { applyHiddenEvent, applyRowEvent, compactPatches, NO_PATCHES, prunePatches, visibleRows, type ListPatches, type ListScope } from "./list-patch";
import { summaryRow } from "./test-rows";

/**
 * conversation.hidden in the list of a member whose custom role narrows what they see: the row
 * they lost sight of leaves, whether the server rendered it or an event brought it, and comes
 * back only with a newer row event.
 */
const T0 = Date.parse("2026-11-21T09:00:00.000Z");
const ME = 7;
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const me = { id: ME, name: "Me", displayName: null, email: "me@acme.test", availability: "online" as const };

const row = (id: number, minute: number, more: Partial<ConversationSummary> = {}): ConversationSummary =>
  summaryRow(id, at(minute), at(0), { assignee: me, ...more });

/** Through the real payload functions and JSON, as the browser gets them. */
const shown = (p: ListPatches, r: ConversationSummary) => {
  const e = JSON.parse(JSON.stringify(conversationPayload(r))) as ReturnType<typeof conversationPayload>;
  return applyRowEvent(p, summaryFromWire(e.conversation), e.version);
};
const hidden = (p: ListPatches, r: ConversationSummary) => {
  const e = conversationHiddenPayload(r);
  return applyHiddenEvent(p, e.conversation.id, e.version);
};

const all: ListScope = { status: "open", assigneeType: "all", meId: ME, page: 1 };
const ids = (rows: ListRow[]) => rows.map((r) => r.id);
const RENDERED = T0 - 60_000;

describe("a conversation the viewer lost sight of", () => {
  it("leaves the list: a row the server rendered, and one an event brought", () => {
    const server = [row(2, 5), row(1, 3)];
    expect(ids(visibleRows(server, hidden(NO_PATCHES, row(1, 6)), all, RENDERED))).toEqual([2]);
    const brought = shown(NO_PATCHES, row(3, 7));
    expect(ids(visibleRows(server, brought, all, RENDERED))).toEqual([3, 2, 1]);
    expect(ids(visibleRows(server, hidden(brought, row(3, 8)), all, RENDERED))).toEqual([2, 1]);
  });

  it("comes back with a newer row event (assigned back), not with an older one arriving late", () => {
    const server = [row(2, 5), row(1, 3)];
    const gone = hidden(NO_PATCHES, row(1, 6));
    expect(ids(visibleRows(server, shown(gone, row(1, 4)), all, RENDERED))).toEqual([2]);
    expect(ids(visibleRows(server, shown(gone, row(1, 9)), all, RENDERED))).toEqual([1, 2]);
    // A hidden event older than the row event already applied changes nothing.
    expect(ids(visibleRows(server, hidden(shown(NO_PATCHES, row(1, 9)), row(1, 6)), all, RENDERED))).toEqual([1, 2]);
  });

  it("a render made after it no longer has the row; prune and compaction forget it in time", () => {
    const gone = hidden(NO_PATCHES, row(1, 6));
    const later = T0 + 60 * 60_000;
    expect(prunePatches(gone, later).hidden?.size).toBe(0);
    const many = Array.from({ length: 60 }, (_, i) => row(100 + i, 1)).reduce((p, r) => hidden(p, r), NO_PATCHES);
    expect(compactPatches(many, [row(100, 0)], all, RENDERED).hidden).toEqual(new Map([[100, at(1).getTime()]]));
  });
});
