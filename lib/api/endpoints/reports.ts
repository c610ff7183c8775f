import { z } from "zod";
import { GROUP_BYS, REPORT_METRICS, REPORT_TYPES } from "@/lib/reports/types";
import { accountParams, defineEndpoint, queryBoolean } from "../endpoint";

const tag = "Reports";
const base = "/api/v2/accounts/{account_id}";

/** Chatwoot sends unix seconds as strings; an ISO date is taken too. */
const instant = z.union([z.string().regex(/^\d{1,12}$/).transform((s) => new Date(Number(s) * 1000)), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

/**
 * Chatwoot's `timezone_offset` (hours east of UTC, e.g. 5.5) as a zone: whole hours are fixed
 * (Etc/GMT−N, whose sign is inverted by convention); fractional ones are the zones that use them.
 */
const FRACTIONAL_ZONES: Record<string, string> = {
  "-9.5": "Pacific/Marquesas",
  "-3.5": "America/St_Johns",
  "3.5": "Asia/Tehran",
  "4.5": "Asia/Kabul",
  "5.5": "Asia/Kolkata",
  "5.75": "Asia/Kathmandu",
  "6.5": "Asia/Yangon",
  "8.75": "Australia/Eucla",
  "9.5": "Australia/Darwin",
  "10.5": "Australia/Lord_Howe",
  "12.75": "Pacific/Chatham",
};
export function zoneOfOffset(offset: number): string | undefined {
  if (Number.isInteger(offset) && offset >= -12 && offset <= 14) return offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
  return FRACTIONAL_ZONES[String(offset)];
}

const range = {
  since: instant,
  until: instant,
  // Chatwoot's dashboard sends business_hours; older clients enable_business_hours.
  business_hours: queryBoolean.optional(),
  enable_business_hours: queryBoolean.optional(),
};
const scoped = {
  type: z.enum(REPORT_TYPES).default("account"),
  id: z.coerce.number().int().positive().optional(),
};
export const timezoneOffset = z.coerce
  .number()
  .refine((n) => zoneOfOffset(n) !== undefined, { message: "Unknown timezone_offset" })
  .optional();

export const reportsQuery = z.object({
  ...range,
  ...scoped,
  metric: z.enum(REPORT_METRICS),
  group_by: z.enum(GROUP_BYS).default("day"),
  timezone_offset: timezoneOffset,
});
export const summaryQuery = z.object({ ...range, ...scoped, timezone_offset: timezoneOffset });
export const rangeQuery = z.object(range);
export const outgoingCountQuery = z.object({ ...range, group_by: z.enum(["agent", "team", "inbox", "label"]) });
export const liveQuery = z.object({ type: z.enum(["account", "agent"]), user_id: z.coerce.number().int().positive().optional() });
export const summaryReportParams = accountParams.extend({ kind: z.enum(["agent", "inbox", "team", "label"]) });

export const reportsEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/reports`,
  summary: "A metric's timeseries for a range (metric, type, id, since, until, group_by, business_hours, timezone_offset); durations carry median and p90 beside the average",
  tag,
  params: accountParams,
  query: reportsQuery,
  responds: "[{value, timestamp, count, median?, p90?}]",
});
export const reportSummaryEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/reports/summary`,
  summary: "Every metric for a range with the previous period; *_median and *_p90 beside Chatwoot's averages",
  tag,
  params: accountParams,
  query: summaryQuery,
  responds: "account_summary",
});
export const reportConversationsEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/reports/conversations`,
  summary: "Live counts: type=account {open, unattended, unassigned, pending}; type=agent each agent's open and unattended",
  tag,
  params: accountParams,
  query: liveQuery,
  responds: "{open, unattended, unassigned, pending} | agent_conversation_metrics[]",
});
export const reportOutgoingCountEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/reports/outgoing_messages_count`,
  summary: "Outgoing messages per agent, team, inbox or label (group_by)",
  tag,
  params: accountParams,
  query: outgoingCountQuery,
  responds: "[{id, name, outgoing_messages_count}]",
});
export const summaryReportsEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/summary_reports/{kind}`,
  summary: "Per agent / inbox / team / label: conversations, resolutions, average (and median, p90) first response, resolution and reply times",
  tag,
  params: summaryReportParams,
  query: rangeQuery,
  responds: "[{id, conversations_count, resolved_conversations_count, avg_resolution_time, avg_first_response_time, avg_reply_time, …}]",
});
const csvEndpoint = (kind: string) =>
  defineEndpoint({
    method: "GET",
    path: `${base}/reports/${kind}`,
    summary: `The ${kind} report as CSV (since, until, business_hours)`,
    tag,
    params: accountParams,
    query: rangeQuery,
    responds: "text/csv",
  });
export const agentsCsvEndpoint = csvEndpoint("agents");
export const inboxesCsvEndpoint = csvEndpoint("inboxes");
export const labelsCsvEndpoint = csvEndpoint("labels");
export const teamsCsvEndpoint = csvEndpoint("teams");

/** The domain's filter from Chatwoot's query parameters. */
export function reportFilterOf(query: {
  since: Date;
  until: Date;
  type?: (typeof REPORT_TYPES)[number];
  id?: number;
  business_hours?: boolean;
  enable_business_hours?: boolean;
  timezone_offset?: number;
}) {
  return {
    since: query.since,
    until: query.until,
    type: query.type,
    id: query.id,
    businessHours: query.business_hours ?? query.enable_business_hours ?? false,
    timeZone: query.timezone_offset === undefined ? undefined : zoneOfOffset(query.timezone_offset),
  };
}
