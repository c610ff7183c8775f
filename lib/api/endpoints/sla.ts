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
