import { z } from "zod";
import { accountParams, defineEndpoint, queryBoolean } from "../endpoint";

const tag = "Reports";
const base = "/api/v2/accounts/{account_id}";

/** Unix seconds as Chatwoot's dashboard sends them (strings), or an ISO date. */
const instant = z.union([z.string().regex(/^\d{1,12}$/).transform((s) => new Date(Number(s) * 1000)), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
/** `ids[]=1&ids[]=2`, repeated `ids=1&ids=2`, or one `ids=1`; blanks are dropped as Chatwoot does. */
const idList = z.preprocess(
  (v) => (Array.isArray(v) ? v : [v]).filter((s) => typeof s !== "string" || s.trim() !== ""),
  z.array(z.coerce.number().int().positive()),
);

export const firstResponseDistributionQuery = z.object({ since: instant.optional(), until: instant.optional(), business_hours: queryBoolean.optional() });
export const inboxLabelMatrixQuery = z.object({ since: instant.optional(), until: instant.optional(), inbox_ids: idList.optional(), label_ids: idList.optional() });
export const channelSummaryQuery = z.object({ since: instant, until: instant });
/** Chatwoot's live reports' filters: one team (older), or lists of teams, assignees, inboxes, and a creation range. */
export const liveMetricsQuery = z.object({
  team_id: z.coerce.number().int().positive().optional(),
  team_ids: idList.optional(),
  user_ids: idList.optional(),
  inbox_ids: idList.optional(),
  since: instant.optional(),
  until: instant.optional(),
});
export const liveGroupedQuery = liveMetricsQuery.extend({ group_by: z.string().optional() });

export const firstResponseDistributionEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/reports/first_response_time_distribution`,
  summary: "First responses in the range per channel type, counted in buckets 0-1h, 1-4h, 4-8h, 8-24h, 24h+ (business_hours: durations in business hours)",
  tag,
  params: accountParams,
  query: firstResponseDistributionQuery,
  responds: '{"Channel::Email": {"0-1h": n, "1-4h": n, "4-8h": n, "8-24h": n, "24h+": n}}',
});
export const inboxLabelMatrixEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/reports/inbox_label_matrix`,
  summary: "Conversations created in the range per inbox and label (inbox_ids[], label_ids[] narrow it)",
  tag,
  params: accountParams,
  query: inboxLabelMatrixQuery,
  responds: "{inboxes: [{id, name}], labels: [{id, title}], matrix: number[][]}",
});
export const channelSummaryEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/summary_reports/channel`,
  summary: "Conversations created in the range per channel type and status (at most 6 months: else 400)",
  tag,
  params: accountParams,
  query: channelSummaryQuery,
  responds: '{"Channel::Email": {open, resolved, pending, snoozed, total}}',
});
export const liveConversationMetricsEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/live_reports/conversation_metrics`,
  summary:
    "Conversations now: open, unattended, unassigned, pending, resolved; narrowed by team_id, team_ids[], user_ids[] (assignees), inbox_ids[], and since+until (created in, both ends included)",
  tag,
  params: accountParams,
  query: liveMetricsQuery,
  responds: "{open, unattended, unassigned, pending, resolved}",
});
export const liveGroupedMetricsEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/live_reports/grouped_conversation_metrics`,
  summary: "Open conversations now per team or assignee (group_by=team_id|assignee_id), with unattended and unassigned; the same filters as conversation_metrics",
  tag,
  params: accountParams,
  query: liveGroupedQuery,
  responds: "[{open, unattended, unassigned, team_id | assignee_id}]",
});
