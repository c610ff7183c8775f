import { describe, expect, it } from "vitest";
import { parseReportQuery, previousPeriod, rangeLabel, reportSearch } from "./report-query";

const TODAY = "2026-12-06";

describe("a report's view in the URL", () => {
  it("defaults to the last 7 days by day, 24/7", () => {
    expect(parseReportQuery({}, TODAY)).toEqual({ range: "7d", since: "2026-11-30", until: "2026-12-06", groupBy: "day", businessHours: false });
  });

  it("reads presets, grouping, the business-hours switch and the picked item", () => {
    expect(parseReportQuery({ range: "90d", group_by: "week", business_hours: "true", id: "12" }, TODAY)).toEqual({
      range: "90d",
      since: "2026-09-08",
      until: "2026-12-06",
      groupBy: "week",
      businessHours: true,
      id: 12,
    });
  });

  it("puts a reversed custom range in order and cuts it to a year", () => {
    expect(parseReportQuery({ range: "custom", since: "2026-11-30", until: "2026-11-01" }, TODAY)).toMatchObject({ since: "2026-11-01", until: "2026-11-30" });
    expect(parseReportQuery({ range: "custom", since: "2020-01-01", until: "2026-11-30" }, TODAY)).toMatchObject({ since: "2025-11-30", until: "2026-11-30" });
  });

  it("ignores what is not a view: bad dates, unknown groupings, hours over months", () => {
    expect(parseReportQuery({ range: "custom", since: "2026-02-30", until: "2026-03-01" }, TODAY).range).toBe("7d");
    expect(parseReportQuery({ group_by: "year", id: "1e3" }, TODAY)).toMatchObject({ groupBy: "day" });
    expect(parseReportQuery({ id: "1e3" }, TODAY).id).toBeUndefined();
    expect(parseReportQuery({ range: "90d", group_by: "hour" }, TODAY).groupBy).toBe("day");
  });

  it("round-trips through its search string", () => {
    const view = parseReportQuery({ range: "custom", since: "2026-11-02", until: "2026-11-08", group_by: "hour", business_hours: "true", id: "3" }, TODAY);
    const search = reportSearch(view);
    expect(search).toBe("?range=custom&since=2026-11-02&until=2026-11-08&group_by=hour&business_hours=true&id=3");
    expect(parseReportQuery(Object.fromEntries(new URLSearchParams(search)), TODAY)).toEqual(view);
  });

  it("compares with as many days right before, and names the range", () => {
    expect(previousPeriod({ since: "2026-11-02", until: "2026-11-08" })).toEqual({ since: "2026-10-26", until: "2026-11-01" });
    expect(rangeLabel({ since: "2026-11-02", until: "2026-11-08" })).toBe("2 Nov – 8 Nov 2026");
  });
});
