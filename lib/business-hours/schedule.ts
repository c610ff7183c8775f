import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { invalid } from "@/lib/errors";

/**
 * Business hours as data: when a team is at work, in its own time zone. The answers ("is this
 * instant inside?", "how much business time between two instants?") are pure functions of a
 * Schedule, so SLAs, reports, automation conditions and auto-replies all count the same way.
 *
 * Times are local wall-clock minutes (0–1440) in `timeZone` (IANA), several ranges a day (a lunch
 * break), `days[0]` is Sunday as in Chatwoot's `day_of_week`. Holidays are local dates
 * (YYYY-MM-DD), closed all day. Conversions go through @date-fns/tz, so daylight-saving days
 * have their real 23 or 25 hours, and a wall-clock time that does not exist (the hour skipped in
 * spring) is taken as the first instant after the gap.
 */
export type Range = { open: number; close: number };
export type Schedule = { timeZone: string; days: Range[][]; holidays: string[] };

const range = z
  .object({ open: z.number().int().min(0).max(1440), close: z.number().int().min(0).max(1440) })
  .refine((r) => r.open < r.close, { message: "A range must open before it closes" });

export const timeZoneInput = z.string().refine(isTimeZone, { message: "Unknown time zone" });

const scheduleInput = z.object({
  timeZone: timeZoneInput,
  days: z.array(z.array(range).max(12)).length(7),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Holidays are dates as YYYY-MM-DD")).max(366).default([]),
});

/** Chatwoot's inbox `working_hours` rows (one per day of week; a day not listed is closed). */
export const chatwootWorkingHour = z.object({
  day_of_week: z.coerce.number().int().min(0).max(6),
  closed_all_day: z.boolean().optional(),
  open_all_day: z.boolean().optional(),
  open_hour: z.coerce.number().int().min(0).max(24).nullable().optional(),
  open_minutes: z.coerce.number().int().min(0).max(59).nullable().optional(),
  close_hour: z.coerce.number().int().min(0).max(24).nullable().optional(),
  close_minutes: z.coerce.number().int().min(0).max(59).nullable().optional(),
});
export type ChatwootWorkingHour = z.infer<typeof chatwootWorkingHour>;

/** A schedule from our own shape or from Chatwoot's rows; throws a 422 AppError naming what is wrong. */
export function parseSchedule(input: {
  timeZone: string;
  days?: Range[][];
  holidays?: string[];
  workingHours?: ChatwootWorkingHour[];
}): Schedule {
  const days = input.workingHours ? daysFromWorkingHours(input.workingHours) : input.days;
  const parsed = scheduleInput.safeParse({ timeZone: input.timeZone, days, holidays: input.holidays ?? [] });
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join(". "));
  const sorted = parsed.data.days.map((ranges) => [...ranges].sort((a, b) => a.open - b.open));
  for (const ranges of sorted) {
    for (let i = 1; i < ranges.length; i++) if (ranges[i].open < ranges[i - 1].close) throw invalid("A day's ranges must not overlap");
  }
  return { timeZone: parsed.data.timeZone, days: sorted, holidays: [...new Set(parsed.data.holidays)].sort() };
}

function daysFromWorkingHours(rows: ChatwootWorkingHour[]): Range[][] {
  const days: Range[][] = Array.from({ length: 7 }, () => []);
  for (const raw of rows) {
    const row = chatwootWorkingHour.parse(raw);
    if (row.closed_all_day) days[row.day_of_week] = [];
    else if (row.open_all_day) days[row.day_of_week] = [{ open: 0, close: 1440 }];
    else days[row.day_of_week] = [{ open: (row.open_hour ?? 0) * 60 + (row.open_minutes ?? 0), close: (row.close_hour ?? 0) * 60 + (row.close_minutes ?? 0) }];
  }
  return days;
}

/** Chatwoot's rows for a schedule (the first range of each day: its format has one). */
export function workingHoursOf(schedule: Schedule): Required<ChatwootWorkingHour>[] {
  return schedule.days.map((ranges, day) => {
    const first = ranges[0];
    const allDay = ranges.length === 1 && first.open === 0 && first.close === 1440;
    return {
      day_of_week: day,
      closed_all_day: ranges.length === 0,
      open_all_day: allDay,
      open_hour: first && !allDay ? Math.floor(first.open / 60) : null,
      open_minutes: first && !allDay ? first.open % 60 : null,
      close_hour: first && !allDay ? Math.floor(first.close / 60) : null,
      close_minutes: first && !allDay ? first.close % 60 : null,
    };
  });
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

type LocalDay = { year: number; month: number; day: number; weekday: number; key: string };

function localDay(instant: Date | number, timeZone: string): LocalDay {
  const d = new TZDate(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  const year = d.getFullYear();
  const month = d.getMonth();
  const day = d.getDate();
  return { year, month, day, weekday: d.getDay(), key: `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** The instant of a local wall-clock time (minutes may be 1440: the next midnight). */
function instantOf(day: LocalDay, minutes: number, timeZone: string): number {
  return new TZDate(day.year, day.month, day.day, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
}

/** The day after, by calendar (noon avoids any DST edge). */
function nextDay(day: LocalDay, timeZone: string): LocalDay {
  return localDay(new TZDate(day.year, day.month, day.day + 1, 12, 0, timeZone), timeZone);
}

/** Is the instant inside the schedule's business hours? */
export function isWithinBusinessHours(schedule: Schedule, instant: Date): boolean {
  const day = localDay(instant, schedule.timeZone);
  if (schedule.holidays.includes(day.key)) return false;
  const t = instant.getTime();
  return schedule.days[day.weekday].some((r) => t >= instantOf(day, r.open, schedule.timeZone) && t < instantOf(day, r.close, schedule.timeZone));
}

/** Business time between two instants, in milliseconds (0 when `to` is not after `from`). */
export function businessMillisBetween(schedule: Schedule, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  let total = 0;
  let day = localDay(start, schedule.timeZone);
  const last = localDay(end, schedule.timeZone).key;
  // One step per local calendar day: bounded by the span in days (plus one).
  for (;;) {
    if (!schedule.holidays.includes(day.key)) {
      for (const r of schedule.days[day.weekday]) {
        const open = Math.max(start, instantOf(day, r.open, schedule.timeZone));
        const close = Math.min(end, instantOf(day, r.close, schedule.timeZone));
        if (close > open) total += close - open;
      }
    }
    if (day.key >= last) break;
    day = nextDay(day, schedule.timeZone);
  }
  return total;
}

/** Open around the clock, every day (the default before anyone sets hours). */
export const ALWAYS_OPEN: Schedule = { timeZone: "UTC", days: Array.from({ length: 7 }, () => [{ open: 0, close: 1440 }]), holidays: [] };
