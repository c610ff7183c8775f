import { differenceInDays, differenceInHours, differenceInMinutes, format } from "date-fns";

/** "now", "5m", "3h", "2d", then a date: compact enough for a list row. */
export function shortAgo(date: Date, now: Date = new Date()): string {
  const minutes = differenceInMinutes(now, date);
  if (minutes < 1) return "now";
  if (minutes < 60) return `${minutes}m`;
  const hours = differenceInHours(now, date);
  if (hours < 24) return `${hours}h`;
  const days = differenceInDays(now, date);
  if (days < 7) return `${days}d`;
  return format(date, date.getFullYear() === now.getFullYear() ? "MMM d" : "MMM d, yyyy");
}

/** Patterns for <LocalTime>, which renders in the viewer's time zone. */
export const DATE_TIME = "MMM d, yyyy 'at' h:mm a";
export const TIME_OF_DAY = "MMM d, h:mm a";

export function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
