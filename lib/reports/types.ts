/**
 * The reports interface: what the screens (components/reports, the Reports pages) and the v2 API
 * read. Durations are seconds; instants are Dates in, unix seconds out (Chatwoot's timestamps).
 * docs/reports.md explains each metric.
 */

/** Chatwoot's metric names (the API's `metric=`), in the order the overview shows them. */
export const REPORT_METRICS = [
  "conversations_count",
  "incoming_messages_count",
  "outgoing_messages_count",
  "avg_first_response_time",
  "avg_resolution_time",
  "reply_time",
  "resolutions_count",
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Each metric's name for people (the screens' cards and the CSV files). */
export const METRIC_NAMES: Record<ReportMetric, string> = {
  conversations_count: "Conversations",
  incoming_messages_count: "Incoming messages",
  outgoing_messages_count: "Outgoing messages",
  avg_first_response_time: "First response time",
  avg_resolution_time: "Resolution time",
  reply_time: "Reply time",
  resolutions_count: "Resolutions",
};

/** Metrics that are durations (avg/median/p90 of seconds); the others are counts. */
export const DURATION_METRICS: readonly ReportMetric[] = ["avg_first_response_time", "avg_resolution_time", "reply_time"];
export const isDurationMetric = (metric: ReportMetric): boolean => DURATION_METRICS.includes(metric);

export const REPORT_TYPES = ["account", "agent", "inbox", "team", "label"] as const;
/** Whose figures: the whole account, or one agent / inbox / team / label (`id`). */
export type ReportType = (typeof REPORT_TYPES)[number];

export const GROUP_BYS = ["hour", "day", "week", "month"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export type ReportFilter = {
  /** Range start (inclusive) and end (exclusive). */
  since: Date;
  until: Date;
  type?: ReportType;
  /** The agent's user id, the inbox, team or label id; required unless type is "account". */
  id?: number;
  /** Durations counted in business hours only (the inbox's, else the account's, else 24/7). */
  businessHours?: boolean;
};

export type ReportQuery = ReportFilter & {
  groupBy?: GroupBy;
  /** IANA zone for the buckets; default the account's (docs/reports.md, "Time zone"). */
  timeZone?: string;
  /** Which metrics; default all. */
  metrics?: readonly ReportMetric[];
  /** false: figures only, no buckets (timeseries empty). Default true. */
  timeseries?: boolean;
  /**
   * false: counts and averages only (median and p90 null), which the rollups answer without
   * reading the events' values: a screen can show its cards at once and ask for the distribution
   * in a second request. Default true.
   */
  distribution?: boolean;
};

/**
 * One figure. For a count metric `value` is the count (median and p90 null); for a duration
 * `value` is the average in seconds, `median` and `p90` exact over the same events, `count` how
 * many events make it (null value when there are none).
 */
export type MetricFigure = { value: number | null; median: number | null; p90: number | null; count: number };

/** A bucket of the timeseries: `timestamp` is its start (unix seconds) in the report's time zone. */
export type TimeseriesPoint = MetricFigure & { timestamp: number };

export type MetricReport = {
  metric: ReportMetric;
  current: MetricFigure;
  /** The same length of time just before `since` (Chatwoot's "previous"). */
  previous: MetricFigure;
  /** Every bucket of the range, empty ones included (value 0 for counts, null for durations). */
  timeseries: TimeseriesPoint[];
};

export type ReportMetrics = {
  timeZone: string;
  groupBy: GroupBy;
  since: Date;
  until: Date;
  previousSince: Date;
  previousUntil: Date;
  metrics: Partial<Record<ReportMetric, MetricReport>>;
};

/** The tables' dimensions (Reports → Agents / Inboxes / Teams / Labels, and the CSVs). */
export type SummaryDimension = "agent" | "inbox" | "team" | "label";

export type SummaryRow = {
  id: number;
  name: string;
  /** Agents: email; inboxes: channel type; else null. */
  detail: string | null;
  conversationsCount: number;
  incomingMessagesCount: number;
  outgoingMessagesCount: number;
  resolutionsCount: number;
  firstResponseTime: MetricFigure;
  resolutionTime: MetricFigure;
  replyTime: MetricFigure;
};

export type SummaryQuery = Omit<ReportFilter, "type" | "id"> & { dimension: SummaryDimension };

/** Click-through: the conversations behind a figure (a metric over a filter, or one bucket of it). */
export type MetricConversationsQuery = ReportFilter & {
  metric: ReportMetric;
  limit?: number;
  /** From the previous page's `nextCursor`. */
  cursor?: string | null;
};

export type MetricConversation = {
  id: number;
  displayId: number;
  inboxId: number;
  assigneeId: number | null;
  status: string;
  /** The event's duration (seconds, business hours when asked) for duration metrics; else null. */
  value: number | null;
  /** How many events of this conversation count in the figure (e.g. several replies). */
  events: number;
  /** When its (latest) counted event happened. */
  at: Date;
};

export type MetricConversations = { conversations: MetricConversation[]; nextCursor: string | null };

/** The live view (Chatwoot's /reports/conversations): counts now, not over a range. */
export type LiveConversationCounts = { open: number; unattended: number; unassigned: number; pending: number };
export type LiveAgentLoad = {
  id: number;
  name: string;
  email: string;
  availability: string;
  metric: { open: number; unattended: number };
};
