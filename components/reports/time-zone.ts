import { TZDate } from "@date-fns/tz";
import { addDays, type Grouping, type ReportQuery } from "./report-query";

/**
 * Calendar days and chart buckets in the account's time zone (the zone reports count in): the
 * instants a day range covers, today's date there, and a bucket's name.
 */

/** `YYYY-MM-DD` of an instant in the zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Midnight starting the day in the zone. */
export function startOfDayIn(timeZone: string, day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/** The instants of a view's days: from midnight of the first day to midnight after the last (excluded). */
export function rangeInstants(query: Pick<ReportQuery, "since" | "until">, timeZone: string): { since: Date; until: Date } {
  return { since: startOfDayIn(timeZone, query.since), until: startOfDayIn(timeZone, addDays(query.until, 1)) };
}

/** A bucket's name on the chart and in its table: "6 Dec 14:00", "Sun 6 Dec", "Week of 30 Nov", "Dec 2026". */
export function bucketLabel(start: Date, groupBy: Grouping, timeZone: string): string {
  const f = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone, ...options }).format(start);
  switch (groupBy) {
    case "hour":
      return `${f({ day: "numeric", month: "short" })} ${f({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}`;
    case "day":
      return f({ weekday: "short", day: "numeric", month: "short" }).replace(",", "");
    case "week":
      return `Week of ${f({ day: "numeric", month: "short" })}`;
    case "month":
      return f({ month: "short", year: "numeric" });
  }
}

/** An instant as "2 Mar 2026, 13:00" in the zone. */
export function instantLabel(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}
