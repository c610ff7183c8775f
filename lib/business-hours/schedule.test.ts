import { describe, expect, it } from "vitest";
import { businessMillisBetween, isWithinBusinessHours, parseSchedule, type Schedule } from "./schedule";

const H = 3_600_000;
const nineToFive = [{ open: 9 * 60, close: 17 * 60 }];
/** Mon–Fri 9–17 with a lunch break on Wednesday, Berlin, Christmas Day off. */
const berlin: Schedule = {
  timeZone: "Europe/Berlin",
  days: [[], nineToFive, nineToFive, [{ open: 9 * 60, close: 12 * 60 }, { open: 13 * 60, close: 17 * 60 }], nineToFive, nineToFive, []],
  holidays: ["2026-12-25"],
};
const at = (iso: string) => new Date(iso);

describe("business hours", () => {
  it("knows whether an instant is inside, in the schedule's time zone", () => {
    // Monday 2026-03-02 09:30 in Berlin is 08:30 UTC (winter time, UTC+1).
    expect(isWithinBusinessHours(berlin, at("2026-03-02T08:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, at("2026-03-02T07:59:59Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, at("2026-03-02T16:00:00Z"))).toBe(false); // 17:00: closed
    // Wednesday lunch break; Saturday; the holiday (a Friday).
    expect(isWithinBusinessHours(berlin, at("2026-03-04T11:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, at("2026-03-04T12:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, at("2026-03-07T10:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, at("2026-12-25T10:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, at("2026-12-24T10:00:00Z"))).toBe(true);
    // Summer time: 09:30 in Berlin is 07:30 UTC.
    expect(isWithinBusinessHours(berlin, at("2026-07-06T07:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, at("2026-07-06T15:30:00Z"))).toBe(false);
  });

  it("counts business time across a weekend and a holiday", () => {
    // Thursday 24 Dec 16:00 → Monday 28 Dec 10:00 (Berlin): 1 h Thursday, Friday is Christmas, weekend, 1 h Monday.
    expect(businessMillisBetween(berlin, at("2026-12-24T15:00:00Z"), at("2026-12-28T09:00:00Z"))).toBe(2 * H);
    // A whole week: 4 × 8 h + 7 h (Wednesday's lunch).
    expect(businessMillisBetween(berlin, at("2026-03-01T00:00:00Z"), at("2026-03-08T00:00:00Z"))).toBe(39 * H);
    expect(businessMillisBetween(berlin, at("2026-03-07T00:00:00Z"), at("2026-03-08T00:00:00Z"))).toBe(0);
    expect(businessMillisBetween(berlin, at("2026-03-03T00:00:00Z"), at("2026-03-02T00:00:00Z"))).toBe(0);
  });

  it("is right across daylight-saving changes", () => {
    const allDay: Schedule = { timeZone: "Europe/Berlin", days: Array.from({ length: 7 }, () => [{ open: 0, close: 24 * 60 }]), holidays: [] };
    // Sunday 29 March 2026 has 23 hours in Berlin, Sunday 25 October 25.
    expect(businessMillisBetween(allDay, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))).toBe(23 * H);
    expect(businessMillisBetween(allDay, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"))).toBe(25 * H);
    // 01:00–04:00 local on the spring-forward night is two real hours (02:00–03:00 does not exist).
    const night: Schedule = { timeZone: "Europe/Berlin", days: Array.from({ length: 7 }, () => [{ open: 60, close: 240 }]), holidays: [] };
    expect(businessMillisBetween(night, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))).toBe(2 * H);
    expect(businessMillisBetween(night, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(4 * H);
    // New York's change is on another date: the US Monday after it, 9–17 local, is 13:00–21:00 UTC.
    const ny: Schedule = { ...berlin, timeZone: "America/New_York", holidays: [] };
    expect(isWithinBusinessHours(ny, at("2026-03-09T13:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(ny, at("2026-03-06T13:30:00Z"))).toBe(false); // Friday before: 08:30 EST
  });

  it("reads Chatwoot's working_hours rows and refuses nonsense", () => {
    const schedule = parseSchedule({
      timeZone: "Asia/Kolkata",
      workingHours: [
        { day_of_week: 1, open_hour: 9, open_minutes: 30, close_hour: 18, close_minutes: 0, closed_all_day: false, open_all_day: false },
        { day_of_week: 0, closed_all_day: true },
        { day_of_week: 6, open_all_day: true },
      ],
    });
    expect(schedule.days[1]).toEqual([{ open: 570, close: 1080 }]);
    expect(schedule.days[0]).toEqual([]);
    expect(schedule.days[6]).toEqual([{ open: 0, close: 1440 }]);
    expect(() => parseSchedule({ timeZone: "Mars/Olympus", workingHours: [] })).toThrow(/time zone/i);
    expect(() => parseSchedule({ timeZone: "UTC", days: [[{ open: 600, close: 540 }], [], [], [], [], [], []] })).toThrow(/before/i);
  });
});
