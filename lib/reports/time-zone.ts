import { z } from "zod";
import { isTimeZone } from "@/lib/business-hours/schedule";

/**
 * The account's reporting time zone (docs/reports.md, "Time zone"): an IANA name, stored in the
 * spelling Intl gives it ("asia/kolkata" → "Asia/Kolkata"), so PostgreSQL and the pages agree.
 */
export const reportingTimeZoneInput = z
  .string()
  .trim()
  .refine(isTimeZone, { message: "Unknown time zone" })
  .transform((name) => new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone);

/** The zones the settings page offers: every IANA zone this runtime knows, UTC first. */
export function reportingTimeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}
