import { z } from "zod";
import { accountParams, defineEndpoint } from "../endpoint";
import { agentResponse, contactResponse } from "../responses";

const unixSeconds = z.coerce.number().int().nonnegative();
const idList = z.union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Chatwoot's filters (DateRangeHelper's since/until in Unix seconds, user_ids[], inbox_id, team_id, rating), plus a label. */
export const csatQuery = z.object({
  since: unixSeconds.optional().describe("Unix seconds: surveys sent from then"),
  until: unixSeconds.optional().describe("Unix seconds: surveys sent before then"),
  user_ids: idList.optional().describe("The agents the conversations were assigned to when resolved"),
  inbox_id: z.coerce.number().int().positive().optional(),
  team_id: z.coerce.number().int().positive().optional(),
  rating: z.union([z.coerce.number().int().min(1).max(5), z.array(z.coerce.number().int().min(1).max(5))]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  label: z.string().max(255).optional().describe("Postdesk's: conversations with this label"),
  page: z.coerce.number().int().positive().optional(),
});

export const csatResponseJson = z.object({
  id: z.number().int(),
  rating: z.number().int(),
  feedback_message: z.string().nullable(),
  account_id: z.number().int(),
  message_id: z.number().int(),
  contact: contactResponse,
  conversation_id: z.number().int().describe("The conversation's display id"),
  assigned_agent: agentResponse.optional(),
  created_at: z.number().int().describe("Unix seconds: when the customer answered"),
});

export const listCsatResponsesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/csat_survey_responses",
  summary: "Answered satisfaction surveys, 25 a page, newest first",
  tag: "CSAT",
  params: accountParams,
  query: csatQuery,
  responds: "csat_survey_response[]",
  response: z.array(csatResponseJson),
});

export const csatMetricsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/csat_survey_responses/metrics",
  summary: "Surveys sent, answered, and answers per rating",
  tag: "CSAT",
  params: accountParams,
  query: csatQuery,
  responds: "{ total_count, ratings_count, total_sent_messages_count }",
  response: z.object({ total_count: z.number().int(), ratings_count: z.record(z.string(), z.number().int()), total_sent_messages_count: z.number().int() }),
});

export const downloadCsatEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/csat_survey_responses/download",
  summary: "Answered satisfaction surveys as CSV",
  tag: "CSAT",
  params: accountParams,
  query: csatQuery,
  responds: "text/csv",
});
