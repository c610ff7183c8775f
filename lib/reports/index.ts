/** The reports domain's public interface (docs/reports.md): what pages, the v2 API and the CLI call. */
export * from "./types";
export { getReportMetrics } from "./metrics";
export { getReportSummary } from "./summary";
export { listConversationsForMetric } from "./drilldown";
export { getLiveAgentLoad, getLiveConversationCounts } from "./live";
export { recordConversationReportingEvents } from "./record";
export { reportCsv } from "./csv";
export { backfillReportingEvents } from "./backfill";
export { getFirstResponseTimeDistribution, getInboxLabelMatrix, getChannelSummary } from "./breakdowns";
export { getLiveConversationMetrics, getLiveGroupedConversationMetrics, liveFiltersOf } from "./live-groups";
