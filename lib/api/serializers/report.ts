import type { MetricFigure, MetricReport, ReportMetric, ReportMetrics, SummaryRow } from "@/lib/reports/types";
import { isDurationMetric } from "@/lib/reports/types";

/**
 * Chatwoot's report shapes. Its fields first, with its meaning (averages in seconds, counts); the
 * distribution Chatwoot lacks comes as extra fields beside them: `median` and `p90` on a series
 * point, `<name>_median` / `<name>_p90` in summaries.
 */

/** GET /reports: one point per bucket; durations carry count (as Chatwoot), median and p90. */
export function serializeTimeseries(report: MetricReport) {
  const duration = isDurationMetric(report.metric);
  return report.timeseries.map((p) =>
    duration ? { value: p.value ?? 0, timestamp: p.timestamp, count: p.count, median: p.median, p90: p.p90 } : { value: p.value ?? 0, timestamp: p.timestamp },
  );
}

const summaryOf = (metrics: ReportMetrics["metrics"], pick: (r: MetricReport) => MetricFigure) => {
  const figure = (m: ReportMetric) => (metrics[m] ? pick(metrics[m]) : { value: null, median: null, p90: null, count: 0 });
  const duration = (m: ReportMetric, name: string) => {
    const f = figure(m);
    return { [m]: f.value ?? 0, [`${name}_median`]: f.median, [`${name}_p90`]: f.p90, [`${name}_count`]: f.count };
  };
  return {
    conversations_count: figure("conversations_count").value ?? 0,
    incoming_messages_count: figure("incoming_messages_count").value ?? 0,
    outgoing_messages_count: figure("outgoing_messages_count").value ?? 0,
    ...duration("avg_first_response_time", "first_response_time"),
    ...duration("avg_resolution_time", "resolution_time"),
    resolutions_count: figure("resolutions_count").value ?? 0,
    ...duration("reply_time", "reply_time"),
  };
};

/** GET /reports/summary: the range's figures and `previous` (the same length just before). */
export function serializeReportSummary(report: ReportMetrics) {
  return { ...summaryOf(report.metrics, (r) => r.current), previous: summaryOf(report.metrics, (r) => r.previous) };
}

/** GET /summary_reports/{agent|inbox|team|label}: one row per entity. */
export function serializeSummaryRow(row: SummaryRow) {
  return {
    id: row.id,
    name: row.name,
    conversations_count: row.conversationsCount,
    resolved_conversations_count: row.resolutionsCount,
    avg_resolution_time: row.resolutionTime.value,
    avg_first_response_time: row.firstResponseTime.value,
    avg_reply_time: row.replyTime.value,
    incoming_messages_count: row.incomingMessagesCount,
    outgoing_messages_count: row.outgoingMessagesCount,
    resolution_time_median: row.resolutionTime.median,
    resolution_time_p90: row.resolutionTime.p90,
    first_response_time_median: row.firstResponseTime.median,
    first_response_time_p90: row.firstResponseTime.p90,
    reply_time_median: row.replyTime.median,
    reply_time_p90: row.replyTime.p90,
  };
}
