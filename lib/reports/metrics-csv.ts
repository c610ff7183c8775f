import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { csvLine } from "./csv";
import { getReportMetrics } from "./metrics";
import { isDurationMetric, METRIC_NAMES, REPORT_METRICS, type MetricFigure, type ReportQuery } from "./types";

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
const cells = (f: MetricFigure, duration: boolean): (string | number)[] => (duration ? [f.value ?? "", f.median ?? "", f.p90 ?? "", f.count] : [f.value ?? 0, "", "", f.count]);

/**
 * The overview's (or one agent's, inbox's, team's or label's) figures as CSV, from the same
 * getReportMetrics the screen shows, with the same filters and business-hours switch: first each
 * metric's figure (durations in exact seconds: average, median, p90) beside the previous
 * period's, then the timeseries the charts draw, one line per bucket.
 */
export async function reportMetricsCsv(db: DbOrTx, actor: Actor, accountId: number, params: ReportQuery): Promise<string> {
  const report = await getReportMetrics(db, actor, accountId, params);
  const reports = REPORT_METRICS.flatMap((m) => {
    const r = report.metrics[m];
    return r ? [{ m, r, duration: isDurationMetric(m) }] : [];
  });
  const lines = [
    csvLine([`Reporting period ${iso(report.since)} to ${iso(report.until)} (${report.timeZone}); ${params.businessHours ? "business hours only" : "all hours"}`]),
    "",
    csvLine(["Metric", "Value", "Median (s)", "p90 (s)", "Events", "Previous value", "Previous median (s)", "Previous p90 (s)", "Previous events"]),
    ...reports.map(({ m, r, duration }) => csvLine([duration ? `${METRIC_NAMES[m]} avg (s)` : METRIC_NAMES[m], ...cells(r.current, duration), ...cells(r.previous, duration)])),
    "",
    csvLine([`Period start (${report.groupBy})`, ...reports.flatMap(({ m, duration }) => (duration ? [`${METRIC_NAMES[m]} avg (s)`, `${METRIC_NAMES[m]} median (s)`, `${METRIC_NAMES[m]} p90 (s)`] : [METRIC_NAMES[m]]))]),
    // Every metric has the same buckets (getReportMetrics: every bucket of the range).
    ...(reports[0]?.r.timeseries ?? []).map((point, i) =>
      csvLine([
        iso(new Date(point.timestamp * 1000)),
        ...reports.flatMap(({ r, duration }) => {
          const p = r.timeseries[i];
          return duration ? [p?.value ?? "", p?.median ?? "", p?.p90 ?? ""] : [p?.value ?? 0];
        }),
      ]),
    ),
  ];
  return `${lines.join("\n")}\n`;
}
