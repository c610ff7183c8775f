/**
 * A report's view in the URL, so a view can be reloaded and shared as a link: the date range (a
 * preset, or custom dates), the grouping, the business-hours switch and, on the agent / inbox /
 * team / label reports, which one. Dates are calendar days in the account's time zone
 * (`YYYY-MM-DD`, both ends included); turning them into instants is the loader's job, which knows
 * the zone. Runs in the browser and on the server: no database here.
 */
export const RANGE_PRESETS = [
  ["7d", "Last 7 days", 7],
  ["30d", "Last 30 days", 30],
  ["90d", "Last 90 days", 90],
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number][0];
export type RangeKey = RangePreset | "custom";

export const GROUPINGS = [
  ["hour", "Hour"],
  ["day", "Day"],
  ["week", "Week"],
  ["month", "Month"],
] as const;
export type Grouping = (typeof GROUPINGS)[number][0];

/** The longest custom range (a year and a day, so "the same dates last year" fits). */
export const MAX_RANGE_DAYS = 366;
/** Hourly points beyond this many days make an unreadable chart: the grouping falls back to days. */
export const MAX_HOURLY_DAYS = 31;

export type ReportQuery = {
  range: RangeKey;
  /** First day shown, `YYYY-MM-DD` in the account's time zone. */
  since: string;
  /** Last day shown (included). */
  until: string;
  groupBy: Grouping;
  businessHours: boolean;
  /** The agent, inbox, team or label picked; absent: the table of all of them. */
  id?: number;
};

type Params = Record<string, string | string[] | undefined>;

const DAY_MS = 86_400_000;
const isDay = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
/** Calendar arithmetic on `YYYY-MM-DD` (UTC noon-free: dates only, no zone involved). */
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (since: string, until: string) => Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / DAY_MS) + 1;

/** The default grouping for a range: hours for a day or two, days up to three months, then weeks. */
export function defaultGrouping(days: number): Grouping {
  if (days <= 2) return "hour";
  if (days <= 92) return "day";
  return "week";
}

/**
 * The view a URL asks for. `today` is the account's current calendar day. Anything malformed
 * falls back to the last 7 days, a reversed range is put in order, and a range is cut to
 * MAX_RANGE_DAYS; hours over a long range become days.
 */
export function parseReportQuery(params: Params, today: string): ReportQuery {
  const one = (name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const preset = RANGE_PRESETS.find(([key]) => key === one("range"));
  let range: RangeKey = preset ? preset[0] : "7d";
  let since = addDays(today, -((preset?.[2] ?? 7) - 1));
  let until = today;
  const from = one("since");
  const to = one("until");
  if (one("range") === "custom" && isDay(from) && isDay(to)) {
    range = "custom";
    [since, until] = from <= to ? [from, to] : [to, from];
    if (daysBetween(since, until) > MAX_RANGE_DAYS) since = addDays(until, -(MAX_RANGE_DAYS - 1));
  }
  const days = daysBetween(since, until);
  let groupBy = GROUPINGS.find(([key]) => key === one("group_by"))?.[0] ?? defaultGrouping(days);
  if (groupBy === "hour" && days > MAX_HOURLY_DAYS) groupBy = "day";
  const id = one("id");
  return {
    range,
    since,
    until,
    groupBy,
    businessHours: one("business_hours") === "true",
    ...(id && /^\d{1,9}$/.test(id) && Number(id) > 0 ? { id: Number(id) } : {}),
  };
}

/** The URL query of a view (only what differs from the defaults, so links stay short). */
export function reportSearch(query: ReportQuery, changes: Partial<ReportQuery> = {}): string {
  const q = { ...query, ...changes };
  const out = new URLSearchParams();
  out.set("range", q.range);
  if (q.range === "custom") {
    out.set("since", q.since);
    out.set("until", q.until);
  }
  out.set("group_by", q.groupBy);
  if (q.businessHours) out.set("business_hours", "true");
  if (q.id !== undefined) out.set("id", String(q.id));
  return `?${out.toString()}`;
}

/** The comparison period: as many days, right before. */
export function previousPeriod(query: Pick<ReportQuery, "since" | "until">): { since: string; until: string } {
  const days = daysBetween(query.since, query.until);
  return { since: addDays(query.since, -days), until: addDays(query.since, -1) };
}

/** "1 Nov – 30 Nov 2026" for headings. */
export function rangeLabel(query: Pick<ReportQuery, "since" | "until">): string {
  const fmt = (day: string, withYear: boolean) =>
    new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" });
  return query.since === query.until ? fmt(query.since, true) : `${fmt(query.since, query.since.slice(0, 4) !== query.until.slice(0, 4))} – ${fmt(query.until, true)}`;
}
