import { z } from "zod";
import { chatwootWorkingHour, workingHoursOf, type Schedule } from "./schedule";
import type { InboxBusinessHoursInput, ScheduleInput } from "./settings";

/** The inbox API's business-hours fields, as Chatwoot names them. */
export const inboxHoursBody = {
  working_hours_enabled: z.boolean().optional(),
  working_hours: z.array(chatwootWorkingHour).max(7).optional(),
  timezone: z.string().max(100).optional(),
  out_of_office_message: z.string().max(10_000).nullable().optional(),
};
type Body = { [K in keyof typeof inboxHoursBody]?: z.infer<(typeof inboxHoursBody)[K]> };

/**
 * What an inbox PATCH/POST asks of business hours, or null when it names none of the fields.
 * `working_hours` or `timezone` alone changes only that part of the inbox's own schedule (its
 * holidays stay); Chatwoot's rows hold one range a day.
 */
export function inboxHoursFromBody(body: Body, current: Schedule | null): InboxBusinessHoursInput | null {
  const touchesSchedule = body.working_hours !== undefined || body.timezone !== undefined;
  if (!touchesSchedule && body.working_hours_enabled === undefined && body.out_of_office_message === undefined) return null;
  return {
    workingHoursEnabled: body.working_hours_enabled,
    outOfOfficeMessage: body.out_of_office_message,
    schedule: touchesSchedule
      ? {
          timeZone: body.timezone ?? current?.timeZone ?? "UTC",
          ...(body.working_hours ? { workingHours: body.working_hours } : { days: current?.days ?? Array.from({ length: 7 }, () => []) }),
          holidays: current?.holidays ?? [],
        }
      : undefined,
  };
}

/** The inbox JSON's fields (an inbox following the account's hours shows none of its own). */
export function serializeInboxHours(i: { workingHoursEnabled: boolean; businessHours: Schedule | null; outOfOfficeMessage: string | null }) {
  return {
    working_hours_enabled: i.workingHoursEnabled,
    working_hours: i.businessHours ? workingHoursOf(i.businessHours) : [],
    timezone: i.businessHours?.timeZone ?? "UTC",
    out_of_office_message: i.outOfOfficeMessage,
  };
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Times are HH:MM");
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/**
 * The account API's business-hours fields. Chatwoot keeps the account's `timezone` (a custom
 * attribute) and has working hours only on inboxes; we take the same `working_hours` rows (one
 * range a day) with `timezone`, or `business_hours` with every range and the holidays (null clears).
 */
export const accountHoursBody = {
  working_hours: z.array(chatwootWorkingHour).max(7).nullable().optional(),
  timezone: z.string().max(100).optional(),
  business_hours: z
    .object({
      timezone: z.string().max(100),
      days: z.array(z.array(z.object({ open: hhmm, close: hhmm })).max(12)).length(7),
      holidays: z.array(z.string()).max(366).optional(),
    })
    .nullable()
    .optional(),
};
type AccountBody = { [K in keyof typeof accountHoursBody]?: z.infer<(typeof accountHoursBody)[K]> };

/** What an account PATCH asks of its business hours: undefined (nothing), null (none: always open), or a schedule. */
export function accountHoursFromBody(body: AccountBody, current: Schedule | null): ScheduleInput | null | undefined {
  if (body.business_hours !== undefined) {
    const b = body.business_hours;
    return b === null ? null : { timeZone: b.timezone, days: b.days.map((ranges) => ranges.map((r) => ({ open: toMinutes(r.open), close: toMinutes(r.close) }))), holidays: b.holidays ?? [] };
  }
  if (body.working_hours === null || (body.working_hours?.length === 0 && body.timezone === undefined)) return null;
  if (body.working_hours === undefined && body.timezone === undefined) return undefined;
  return {
    timeZone: body.timezone ?? current?.timeZone ?? "UTC",
    ...(body.working_hours ? { workingHours: body.working_hours } : { days: current?.days ?? Array.from({ length: 7 }, () => []) }),
    holidays: current?.holidays ?? [],
  };
}

/** The account JSON's fields: Chatwoot's rows and time zone, and every range in `business_hours`. */
export function serializeAccountHours(schedule: Schedule | null) {
  return {
    working_hours: schedule ? workingHoursOf(schedule) : [],
    timezone: schedule?.timeZone ?? null,
    business_hours: schedule
      ? { timezone: schedule.timeZone, days: schedule.days.map((ranges) => ranges.map((r) => ({ open: toHhmm(r.open), close: toHhmm(r.close) }))), holidays: schedule.holidays }
      : null,
  };
}
