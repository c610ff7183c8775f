/**
 * How report figures read: durations exact to the second in days, hours, minutes and seconds,
 * leaving out the units that are zero ("22 h 11 m 40 s", "30 m"); counts as integers; changes as
 * signed percentages.
 * The same words go to the cards, the tables and the charts' tooltips, so a figure reads alike
 * everywhere on the screen.
 */
export type MetricKind = "count" | "duration";

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.length > 0 ? parts.join(" ") : "0 s";
}

const UNITS = [
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
] as const;

export function formatValue(kind: MetricKind, value: number | null | undefined): string {
  if (kind === "duration") return formatDuration(value);
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return Math.round(value).toLocaleString("en-US");
}

/** Change against the previous period: "+12%", "−5%", "new" (nothing before), "no change". */
export function formatChange(current: number | null | undefined, previous: number | null | undefined): string {
  if (current === null || current === undefined) return "";
  if (previous === null || previous === undefined || previous === 0) return current === 0 || previous === undefined ? "no change" : "new";
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) return "no change";
  return change > 0 ? `+${change}%` : `−${Math.abs(change)}%`;
}
