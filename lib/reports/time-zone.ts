import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { isTimeZone } from "@/lib/business-hours/schedule";

/**
 * Current IANA names this runtime's list may give only under an older alias (ICU lists
 * Asia/Calcutta, not Asia/Kolkata): offered too, so people find the name they know.
 */
const CURRENT_NAMES = ["Asia/Kolkata", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "Europe/Kyiv", "America/Nuuk", "Atlantic/Faroe", "Pacific/Kanton"];

/** The zones the settings page offers: every IANA zone this runtime knows, UTC first. */
export function reportingTimeZoneChoices(): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  for (const name of CURRENT_NAMES) if (isTimeZone(name)) zones.add(name);
  zones.delete("UTC");
  return ["UTC", ...[...zones].sort()];
}

/**
 * The account's reporting time zone (docs/reports.md, "Time zone"): an IANA name, stored in the
 * list's spelling when it is in the list ("asia/tokyo" → "Asia/Tokyo"), so the page shows it chosen.
 */
export const reportingTimeZoneInput = z
  .string()
  .trim()
  .refine(isTimeZone, { message: "Unknown time zone" })
  .transform((name) => reportingTimeZoneChoices().find((z) => z.toLowerCase() === name.toLowerCase()) ?? name);

/**
 * Calendar days (`2026-01-14`) in a reporting time zone: a day runs from that zone's midnight to
 * the next, so a survey sent at 22:00 in New York counts on that day there, not on the next UTC day.
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
