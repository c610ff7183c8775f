import { TZDate } from "@date-fns/tz";

/**
 * The CSAT report's calendar days (`2026-01-14`) in the account's reporting time zone (lib/reports
 * accountTimeZone): a day runs from that zone's midnight to the next, so a survey sent at 22:00 in
 * New York counts on that day there, not on the next UTC day.
 */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a calendar day begins in `timeZone`. */
export function dayStartIn(day: string, timeZone: string): Date {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Not a calendar day: ${day}`);
  return new Date(new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), timeZone).getTime());
}

/** The calendar day `now` falls on in `timeZone`. */
export function dayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The calendar day `days` after `day` (negative: before), whatever the zone (calendar arithmetic). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
