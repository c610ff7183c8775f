import { describe, expect, it } from "vitest";
import { summaryFromWire } from "@/components/conversations/from-wire";
import { applyRowEvent, NO_PATCHES, visibleRows, type ListScope } from "@/components/conversations/list-patch";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { ListRow } from "@/components/conversations/list-row";
import { conversationPayload } from "@/lib/realtime/payloads";
import { summaryRow } from "@/components/conversations/test-rows";

const T0 = Date.parse("2026-12-01T09:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const RENDERED = T0 + 4 * 60_000;

function sla(status: NonNullable<ConversationSummary["sla"]>["status"]): ConversationSummary["sla"] {
  return {
    id: 1,
    policyId: 1,
    name: "Hour",
    description: null,
    status,
    frtDueAt: at(60),
    nrtDueAt: null,
    rtDueAt: null,
    outcomes: status === "active" ? {} : { frt: "missed" },
    thresholds: { frt: 3600, nrt: null, rt: null },
    onlyDuringBusinessHours: false,
    createdAt: at(0),
    updatedAt: at(0),
  };
}

const row = (id: number, activityMinute: number, more: Partial<ConversationSummary> = {}): ConversationSummary =>
  summaryRow(id, at(activityMinute), at(0), { sla: null, ...more });

/** Through the real payload and JSON, as the browser gets a live event. */
function patched(...rows: ConversationSummary[]) {
  return rows.reduce((patches, r) => {
    const p = JSON.parse(JSON.stringify(conversationPayload(r))) as ReturnType<typeof conversationPayload>;
    return applyRowEvent(patches, summaryFromWire(p.conversation), p.version);
  }, NO_PATCHES);
}
const ids = (rows: ListRow[]) => rows.map((r) => r.id);

describe("the 'SLA breached' filter on a live list", () => {
  const breachedList: ListScope = { status: "all", assigneeType: "all", meId: 7, page: 1, filter: [{ attribute_key: "sla_breached", filter_operator: "equal_to", values: ["true"] }] };
  const onTimeList: ListScope = { ...breachedList, filter: [{ attribute_key: "sla_breached", filter_operator: "not_equal_to", values: ["true"] }] };

  it("a breach the sweep publishes moves the row into the breached list and out of the others, with no new render", () => {
    const server = [row(2, 3, { sla: sla("active_with_misses") })];
    // Conversation 1 was on time when the list rendered; the sweep's event says its first response was missed.
    const breach = patched(row(1, 5, { sla: sla("active_with_misses") }));
    expect(ids(visibleRows(server, breach, breachedList, RENDERED))).toEqual([1, 2]);
    expect(ids(visibleRows([row(1, 2, { sla: sla("active") }), row(3, 1)], breach, onTimeList, RENDERED))).toEqual([3]);
    // A conversation without an SLA, or still on time, never joins the breached list.
    expect(ids(visibleRows(server, patched(row(4, 6, { sla: sla("active") }), row(5, 6)), breachedList, RENDERED))).toEqual([2]);
    // Resolved after a miss: still breached.
    expect(ids(visibleRows(server, patched(row(6, 7, { status: "resolved", sla: sla("missed") })), breachedList, RENDERED))).toEqual([6, 2]);
  });
});
