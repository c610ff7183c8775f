import { describe, expect, it } from "vitest";
import { cronMatches, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);

describe("cron schedules", () => {
  it("every minute matches any minute", () => {
    expect(cronMatches(parseCron("* * * * *"), at("2026-03-04T05:06:59Z"))).toBe(true);
  });

  it("steps, ranges and lists", () => {
    const every15 = parseCron("*/15 * * * *");
    expect(cronMatches(every15, at("2026-03-04T05:30:00Z"))).toBe(true);
    expect(cronMatches(every15, at("2026-03-04T05:31:00Z"))).toBe(false);
    const officeHours = parseCron("0 9-17 * * 1-5");
    expect(cronMatches(officeHours, at("2026-03-04T09:00:00Z"))).toBe(true); // a Wednesday
    expect(cronMatches(officeHours, at("2026-03-07T09:00:00Z"))).toBe(false); // a Saturday
    expect(cronMatches(parseCron("5,10 0 1 1 *"), at("2026-01-01T00:10:00Z"))).toBe(true);
    expect(cronMatches(parseCron("0 0 * * 7"), at("2026-03-08T00:00:00Z"))).toBe(true); // Sunday as 7
  });

  it("rejects malformed expressions", () => {
    expect(() => parseCron("* * * *")).toThrow(/five fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/Invalid cron field/);
    expect(() => parseCron("*/0 * * * *")).toThrow(/Invalid cron field/);
  });
});
