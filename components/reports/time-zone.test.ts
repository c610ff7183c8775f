import { describe, expect, it } from "vitest";
import { bucketLabel, dayIn, instantLabel, rangeInstants } from "./time-zone";

describe("report days in the account's time zone", () => {
  it("turns a view's days into the instants between its midnights, across a daylight-saving change", () => {
    // Berlin leaves summer time on 25 Oct 2026: that day has 25 hours.
    expect(rangeInstants({ since: "2026-10-25", until: "2026-10-25" }, "Europe/Berlin")).toEqual({
      since: new Date("2026-10-24T22:00:00Z"),
      until: new Date("2026-10-25T23:00:00Z"),
    });
    expect(rangeInstants({ since: "2026-11-30", until: "2026-12-06" }, "UTC")).toEqual({ since: new Date("2026-11-30T00:00:00Z"), until: new Date("2026-12-07T00:00:00Z") });
  });

  it("knows which day it is there, and names buckets as a person reads them", () => {
    expect(dayIn("Pacific/Auckland", new Date("2026-12-06T12:00:00Z"))).toBe("2026-12-07");
    expect(dayIn("America/New_York", new Date("2026-12-06T03:00:00Z"))).toBe("2026-12-05");
    const start = new Date("2026-12-06T13:00:00Z");
    expect(bucketLabel(start, "hour", "Europe/Berlin")).toBe("6 Dec 14:00");
    expect(bucketLabel(start, "day", "Europe/Berlin")).toBe("Sun 6 Dec");
    expect(bucketLabel(new Date("2026-11-29T23:00:00Z"), "week", "Europe/Berlin")).toBe("Week of 30 Nov");
    expect(bucketLabel(start, "month", "UTC")).toBe("Dec 2026");
    expect(instantLabel(start, "Europe/Berlin")).toBe("6 Dec 2026, 14:00");
  });
});
