"use server";

import { z } from "zod";
import { DAY_NAMES, parseHolidaysText, parseRangesText } from "@/lib/business-hours/ranges-text";
import { updateAccountBusinessHours, updateInboxBusinessHours } from "@/lib/business-hours/settings";
import { serverAction } from "../action";

const id = z.number().int().positive();
/** The form's schedule: a time zone, one text per day (Sunday first), holidays as text. */
const scheduleForm = z.object({ timeZone: z.string().max(100), days: z.array(z.string().max(200)).length(7), holidays: z.string().max(10_000) });

const fromForm = (form: z.infer<typeof scheduleForm>) => ({
  timeZone: form.timeZone.trim(),
  days: form.days.map((text, i) => parseRangesText(text, DAY_NAMES[i])),
  holidays: parseHolidaysText(form.holidays),
});

/** Settings → Account → Business hours; null clears them. */
export const updateAccountBusinessHoursAction = serverAction(
  z.object({ accountId: id, schedule: scheduleForm.nullable() }),
  async ({ db, actor }, { accountId, schedule }) => {
    await updateAccountBusinessHours(db, actor, accountId, schedule ? fromForm(schedule) : null);
    return { saved: true };
  },
);

/** Inbox settings → Business hours: on/off, own hours or the account's, the out-of-office reply. */
export const updateInboxBusinessHoursAction = serverAction(
  z.object({ accountId: id, inboxId: id, workingHoursEnabled: z.boolean(), schedule: scheduleForm.nullable(), outOfOfficeMessage: z.string().max(10_000) }),
  async ({ db, actor }, { accountId, inboxId, workingHoursEnabled, schedule, outOfOfficeMessage }) => {
    await updateInboxBusinessHours(db, actor, accountId, inboxId, { workingHoursEnabled, schedule: schedule ? fromForm(schedule) : null, outOfOfficeMessage });
    return { saved: true };
  },
);
