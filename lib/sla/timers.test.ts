import { describe, expect, it } from "vitest";
import type { Schedule } from "@/lib/business-hours/schedule";
import { addBusinessMillis, slaState } from "./timers";

const H = 3_600_000;
const nineToFive = [{ open: 9 * 60, close: 17 * 60 }];
/** Mon–Fri 9–17 in Paris, Christmas Day (a Friday in 2026) off. */
const paris: Schedule = { timeZone: "Europe/Paris", days: [[], nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, []], holidays: ["2026-12-25"] };
const newYork: Schedule = { ...paris, timeZone: "America/New_York", holidays: [] };
const at = (iso: string) => new Date(iso);
const targets = (frt: number | null, nrt: number | null, rt: number | null) => ({ firstResponseSeconds: frt, nextResponseSeconds: nrt, resolutionSeconds: rt });

describe("SLA due times in business hours", () => {
  it("lands on the right minute across a holiday and a weekend", () => {
    // Thursday 24 Dec 16:00 Paris (15:00 UTC) + 4 h: 1 h Thursday, Christmas, the weekend, 3 h Monday → Monday 28 Dec 12:00 Paris.
    expect(addBusinessMillis(paris, at("2026-12-24T15:00:00Z"), 4 * H)?.toISOString()).toBe("2026-12-28T11:00:00.000Z");
    // Started on Saturday night: the clock waits for Monday 9:00 (Christmas week's Monday is the 28th).
    expect(addBusinessMillis(paris, at("2026-12-26T22:00:00Z"), 30 * 60_000)?.toISOString()).toBe("2026-12-28T08:30:00.000Z");
    // Exactly a day's worth ends at the close, not the next opening.
    expect(addBusinessMillis(paris, at("2026-12-22T08:00:00Z"), 8 * H)?.toISOString()).toBe("2026-12-22T16:00:00.000Z");
    // Plain time without a schedule: the weekend counts.
    expect(addBusinessMillis(null, at("2026-12-24T15:00:00Z"), 4 * H)?.toISOString()).toBe("2026-12-24T19:00:00.000Z");
  });

  it("is right across the end of daylight-saving time", () => {
    // Friday 30 Oct 16:00 EDT (20:00 UTC) + 2 h → 1 h Friday, Monday 2 Nov 10:00 EST (15:00 UTC).
    expect(addBusinessMillis(newYork, at("2026-10-30T20:00:00Z"), 2 * H)?.toISOString()).toBe("2026-11-02T15:00:00.000Z");
  });

  it("never finds a deadline in a schedule that never opens", () => {
    expect(addBusinessMillis({ ...paris, days: [[], [], [], [], [], [], []] }, at("2026-12-24T15:00:00Z"), H)).toBeNull();
  });
});

describe("SLA state", () => {
  const created = at("2026-12-24T15:00:00Z");
  const conv = { createdAt: created, firstReplyCreatedAt: null, waitingSince: created, status: "open" as const };

  it("runs, then misses the first response at the due minute and not before", () => {
    const before = slaState(targets(4 * 3600, null, null), conv, paris, at("2026-12-28T10:59:00Z"));
    expect(before).toMatchObject({ status: "active", missed: [], nextDueAt: at("2026-12-28T11:00:00Z") });
    const after = slaState(targets(4 * 3600, null, null), conv, paris, at("2026-12-28T11:00:00Z"));
    expect(after.status).toBe("active_with_misses");
    expect(after.missed).toEqual([{ kind: "frt", dueAt: at("2026-12-28T11:00:00Z") }]);
    expect(after.nextDueAt).toBeNull();
  });

  it("counts a reply before the due time as hit, and resolution as hit or missed", () => {
    const replied = { ...conv, firstReplyCreatedAt: at("2026-12-28T10:00:00Z"), waitingSince: null };
    expect(slaState(targets(4 * 3600, 3600, 8 * 3600), replied, paris, at("2026-12-28T10:30:00Z"))).toMatchObject({
      outcomes: { frt: "hit", nrt: "hit" },
      status: "active",
      // 8 h: 1 h Thursday, 7 h Monday → Monday 16:00 Paris.
      rtDueAt: at("2026-12-28T15:00:00Z"),
    });
    // The customer writes again Monday 16:30 Paris: 30 min left Monday, 30 min Tuesday → Tuesday 9:30 Paris.
    const waiting = { ...replied, waitingSince: at("2026-12-28T15:30:00Z") };
    const s = slaState(targets(4 * 3600, 3600, null), waiting, paris, at("2026-12-28T16:00:00Z"), { frt: "hit" });
    expect(s.nrtDueAt).toEqual(at("2026-12-29T08:30:00Z"));
    expect(s.nextDueAt).toEqual(at("2026-12-29T08:30:00Z"));
    const resolved = slaState(targets(4 * 3600, null, 8 * 3600), { ...replied, status: "resolved" }, paris, at("2026-12-28T10:30:00Z"), { frt: "hit" });
    expect(resolved.status).toBe("hit");
    const late = slaState(targets(3600, null, null), { ...replied, status: "resolved" }, paris, at("2026-12-28T10:30:00Z"));
    expect(late).toMatchObject({ status: "missed", outcomes: { frt: "missed" } });
  });
});
