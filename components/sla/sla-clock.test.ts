import { describe, expect, it } from "vitest";
import { slaBadge, span } from "./sla-clock";

const at = (iso: string) => new Date(iso);
const sla = (over: Record<string, unknown> = {}) => ({
  id: 1,
  policyId: 1,
  name: "Gold",
  description: null,
  status: "active" as const,
  frtDueAt: at("2026-12-28T11:00:00Z"),
  nrtDueAt: null,
  rtDueAt: at("2026-12-28T15:00:00Z"),
  outcomes: {},
  thresholds: { frt: 3600, nrt: null, rt: 8 * 3600 },
  onlyDuringBusinessHours: false,
  createdAt: at("2026-12-28T09:00:00Z"),
  updatedAt: at("2026-12-28T09:00:00Z"),
  ...over,
});
const row = (over: Record<string, unknown> = {}) => ({ status: "open" as const, firstReplyCreatedAt: null, waitingSince: at("2026-12-28T10:00:00Z"), sla: sla(), ...over });

describe("SLA badge", () => {
  it("shows time left, amber under a quarter of the target, then breached with how long ago — in words, not only colour", () => {
    expect(slaBadge(row(), at("2026-12-28T10:30:00Z"))).toMatchObject({ kind: "frt", tone: "ok", label: "FRT 30m" });
    expect(slaBadge(row(), at("2026-12-28T10:48:00Z"))).toMatchObject({ tone: "warning", label: "FRT 12m" });
    expect(slaBadge(row(), at("2026-12-28T14:00:00Z"))).toMatchObject({ tone: "breached", label: "FRT breached 3h" });
  });

  it("drops a target the row shows answered, and shows nothing once resolved or without a policy", () => {
    expect(slaBadge(row({ firstReplyCreatedAt: at("2026-12-28T10:10:00Z"), waitingSince: null }), at("2026-12-28T10:30:00Z"))).toMatchObject({ kind: "rt", label: "RT 4h 30m" });
    expect(slaBadge(row({ status: "resolved" }), at("2026-12-28T10:30:00Z"))).toBeNull();
    expect(slaBadge(row({ sla: null }), at("2026-12-28T10:30:00Z"))).toBeNull();
  });

  it("formats spans for a narrow row", () => {
    expect([span(45_000), span(12 * 60_000), span(125 * 60_000), span(13 * 3_600_000), span(50 * 3_600_000)]).toEqual(["45s", "12m", "2h 5m", "13h", "2d"]);
  });
});
