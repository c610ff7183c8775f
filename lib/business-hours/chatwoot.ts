import { z } from "zod";
import { chatwootWorkingHour, workingHoursOf, type Schedule } from "./schedule";
import type { InboxBusinessHoursInput } from "./settings";

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
