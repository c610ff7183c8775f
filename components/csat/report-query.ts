import type { CsatFilters } from "@/lib/csat/report";
import { addDays, dayIn, dayStartIn } from "@/lib/reports/time-zone";

/** The CSAT report's view as it sits in the URL (`?since=2026-05-01&until=2026-05-31&agent=3…`). */
export type CsatReportQuery = { since: string; until: string; agent?: string; inbox?: string; team?: string; label?: string; rating?: string; page?: string };

const validDay = (v: string | undefined): string | undefined => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined);
const validId = (v: unknown) => (typeof v === "string" && /^\d{1,9}$/.test(v) && Number(v) > 0 ? v : undefined);

/**
 * Reads the URL: the last 30 days (ending today in the account's reporting zone) unless a valid
 * range is given; anything malformed is dropped.
 */
export function readCsatQuery(raw: Record<string, string | string[] | undefined>, now = new Date(), timeZone = "UTC"): CsatReportQuery {
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const until = validDay(one("until")) ?? dayIn(now, timeZone);
  const since = validDay(one("since")) ?? addDays(until, -29);
  const label = one("label")?.slice(0, 255) || undefined;
  const rawRating = one("rating");
  const rating = rawRating && /^[1-5]$/.test(rawRating) ? rawRating : undefined;
  return { since, until, agent: validId(one("agent")), inbox: validId(one("inbox")), team: validId(one("team")), label, rating, page: validId(one("page")) };
}

/**
 * The domain's filters: the page's days are whole days in the account's reporting zone; `until`
 * is inclusive on the page, exclusive in the query.
 */
export function csatFiltersOf(q: CsatReportQuery, timeZone = "UTC"): CsatFilters {
  return {
    since: dayStartIn(q.since, timeZone),
    until: dayStartIn(addDays(q.until, 1), timeZone),
    userIds: q.agent ? [Number(q.agent)] : undefined,
    inboxId: q.inbox ? Number(q.inbox) : undefined,
    teamId: q.team ? Number(q.team) : undefined,
    label: q.label,
    ratings: q.rating ? [Number(q.rating)] : undefined,
  };
}

/** The page's CSV download: the screen's filters and its period line, the days named as the page names them. */
export function csatCsvQueryOf(q: CsatReportQuery, timeZone = "UTC") {
  return { filters: csatFiltersOf(q, timeZone), period: { label: `${q.since} to ${q.until} (${timeZone})` } };
}

export function csatQueryString(q: Partial<CsatReportQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  return params.toString();
}
