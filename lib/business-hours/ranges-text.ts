import { invalid } from "@/lib/errors";
import type { Range } from "./schedule";

/**
 * The settings form's way of writing a day: "09:00-12:00, 13:00-17:30"; blank = closed;
 * "24h" or "00:00-24:00" = open all day.
 */
export function parseRangesText(text: string, dayName: string): Range[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (/^24\s*h$/i.test(trimmed)) return [{ open: 0, close: 1440 }];
  return trimmed.split(/\s*[,;]\s*/).map((part) => {
    const m = /^(\d{1,2})(?::(\d{2}))?\s*[-–]\s*(\d{1,2})(?::(\d{2}))?$/.exec(part);
    if (!m) throw invalid(`${dayName}: write ranges as 09:00-17:00, separated by commas`);
    const open = Number(m[1]) * 60 + Number(m[2] ?? 0);
    const close = Number(m[3]) * 60 + Number(m[4] ?? 0);
    if (Number(m[2] ?? 0) > 59 || Number(m[4] ?? 0) > 59 || open > 1440 || close > 1440) throw invalid(`${dayName}: ${part} is not a time of day`);
    if (open >= close) throw invalid(`${dayName}: ${part} must open before it closes`);
    return { open, close };
  });
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

export function formatRanges(ranges: Range[]): string {
  if (ranges.length === 1 && ranges[0].open === 0 && ranges[0].close === 1440) return "24h";
  return ranges.map((r) => `${hhmm(r.open)}-${hhmm(r.close)}`).join(", ");
}

/** Holidays as the form writes them: dates separated by commas, spaces or lines. */
export const parseHolidaysText = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
