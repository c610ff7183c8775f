import { z } from "zod";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

// The domain validates the fields (lib/sla/policies.ts); here only the shape, `{sla_policy: {...}}` or bare.
const policyBody = wrappedBody("sla_policy", z.record(z.string(), z.unknown()));
const idParams = accountParams.extend({ id: idParam });
const tag = "SLA policies";
const path = "/api/v1/accounts/{account_id}/sla_policies";

export const listSlaPoliciesEndpoint = defineEndpoint({ method: "GET", path, summary: "The account's SLA policies", tag, params: accountParams, responds: "{payload: sla_policy[]}" });
export const createSlaPolicyEndpoint = defineEndpoint({
  method: "POST",
  path,
  summary: "Create an SLA policy (administrators): name, description, first_response_time_threshold, next_response_time_threshold, resolution_time_threshold (seconds), only_during_business_hours",
  tag,
  params: accountParams,
  body: policyBody,
  responds: "{payload: sla_policy}",
});
export const showSlaPolicyEndpoint = defineEndpoint({ method: "GET", path: `${path}/{id}`, summary: "Show an SLA policy", tag, params: idParams, responds: "{payload: sla_policy}" });
export const updateSlaPolicyEndpoint = defineEndpoint({ method: "PATCH", path: `${path}/{id}`, summary: "Update an SLA policy (administrators)", tag, params: idParams, body: policyBody, responds: "{payload: sla_policy}" });
export const putSlaPolicyEndpoint = defineEndpoint({ method: "PUT", path: `${path}/{id}`, summary: "Update an SLA policy (as PATCH)", tag, params: idParams, body: policyBody, responds: "{payload: sla_policy}" });
export const deleteSlaPolicyEndpoint = defineEndpoint({ method: "DELETE", path: `${path}/{id}`, summary: "Delete an SLA policy; its conversations are no longer under it", tag, params: idParams, responds: "empty" });

const idOrIds = z.union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive()).max(100)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** Chatwoot's filters of the SLA report (DateRangeHelper's since/until in Unix seconds); a label list as `label_list`, `label_list[]` or comma-separated. */
export const appliedSlasQuery = z.object({
  since: z.coerce.number().int().nonnegative().optional().describe("Unix seconds: SLAs applied from then"),
  until: z.coerce.number().int().nonnegative().optional().describe("Unix seconds: SLAs applied until then"),
  inbox_id: idOrIds.optional(),
  team_id: idOrIds.optional(),
  sla_policy_id: idOrIds.optional(),
  assigned_agent_id: idOrIds.optional(),
  label_list: z.union([z.string().max(1000), z.array(z.string().max(255)).max(50)]).optional().describe("Conversations carrying any of these labels"),
  page: z.coerce.number().int().positive().max(10_000).optional(),
});
const appliedPath = "/api/v1/accounts/{account_id}/applied_slas";
export const listAppliedSlasEndpoint = defineEndpoint({
  method: "GET",
  path: appliedPath,
  summary: "Conversations that missed an SLA target, 25 a page, newest application first (report readers)",
  tag,
  params: accountParams,
  query: appliedSlasQuery,
  responds: "{payload: [{applied_sla, conversation: {id, contact: {name}, labels, assignee}, sla_events}], meta: {count, current_page}}",
});
export const appliedSlaMetricsEndpoint = defineEndpoint({
  method: "GET",
  path: `${appliedPath}/metrics`,
  summary: "Applied SLAs, how many missed a target, and the hit rate",
  tag,
  params: accountParams,
  query: appliedSlasQuery,
  responds: "{total_applied_slas, number_of_sla_misses, hit_rate}",
});
export const downloadAppliedSlasEndpoint = defineEndpoint({
  method: "GET",
  path: `${appliedPath}/download`,
  summary: "Conversations that missed an SLA target, as CSV (breached_conversation.csv)",
  tag,
  params: accountParams,
  query: appliedSlasQuery,
  responds: "text/csv",
});
