import { z } from "zod";
import { filterPayload } from "@/lib/conversations/filter/payload";
import { SORT_KEYS } from "@/lib/conversations/filter/sort";
import { MAX_CONVERSATION_PAGE } from "@/lib/conversations/list-conversations";
import { MAX_BULK_IDS } from "@/lib/bulk-actions/conversations";
import { CUSTOM_FILTER_TYPES, customFilterInput, MAX_CUSTOM_FILTERS } from "@/lib/custom-filters/manage";
import { contactListResponse, conversationResponse } from "../responses";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const filterMeta = z.object({ mine_count: z.number().int(), unassigned_count: z.number().int(), all_count: z.number().int() });

export const filterConversationsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/filter",
  summary:
    "Filter conversations with Chatwoot's payload [{attribute_key, filter_operator, values, query_operator}]; an unknown attribute or operator is a 422",
  tag: "Conversations",
  params: accountParams,
  query: z.object({ page: z.coerce.number().int().min(1).max(MAX_CONVERSATION_PAGE).optional(), sort_by: z.enum(SORT_KEYS).optional() }),
  body: z.object({
    payload: filterPayload,
    page: z.coerce.number().int().min(1).max(MAX_CONVERSATION_PAGE).optional(),
    sort_by: z.enum(SORT_KEYS).optional(),
  }),
  responds: "{ meta: { mine_count, unassigned_count, all_count }, payload: conversation[] }",
  response: z.object({ meta: filterMeta, payload: z.array(conversationResponse) }),
});

export const filterContactsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/contacts/filter",
  summary: "Filter contacts with the same payload language (name, email, phone_number, identifier, country_code, city, company, created_at, last_activity_at)",
  tag: "Contacts",
  params: accountParams,
  query: z.object({ page: z.coerce.number().int().min(1).optional() }),
  body: z.object({ payload: filterPayload, page: z.coerce.number().int().min(1).optional(), sort: z.string().max(50).optional() }),
  responds: "{ meta: { count, current_page }, payload: contact[] }",
  response: contactListResponse,
});

// Saved views. Chatwoot's clients send {custom_filter: {name, filter_type, query}}; flat is accepted too.
const customFilterBody = wrappedBody("custom_filter", customFilterInput);
const customFilterParams = accountParams.extend({ id: idParam });
const customFilter = z.object({
  id: z.number().int(),
  name: z.string(),
  filter_type: z.enum(CUSTOM_FILTER_TYPES),
  query: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});
const tag = "Custom filters";
const base = "/api/v1/accounts/{account_id}/custom_filters";

export const listCustomFiltersEndpoint = defineEndpoint({
  method: "GET",
  path: base,
  summary: "Your saved views of one type (filter_type: conversation by default, contact, report)",
  tag,
  params: accountParams,
  query: z.object({ filter_type: z.enum(CUSTOM_FILTER_TYPES).optional() }).strict(),
  responds: "custom_filter[]",
  response: z.array(customFilter),
});
export const createCustomFilterEndpoint = defineEndpoint({
  method: "POST",
  path: base,
  summary: `Save a view: name, filter_type, query {payload: [...]} (checked like a filter; at most ${MAX_CUSTOM_FILTERS} per agent)`,
  tag,
  params: accountParams,
  body: customFilterBody,
  responds: "custom_filter",
  response: customFilter,
});
export const showCustomFilterEndpoint = defineEndpoint({ method: "GET", path: `${base}/{id}`, summary: "One of your saved views", tag, params: customFilterParams, responds: "custom_filter", response: customFilter });
export const updateCustomFilterEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${base}/{id}`,
  summary: "Rename a saved view or change its query",
  tag,
  params: customFilterParams,
  body: wrappedBody("custom_filter", customFilterInput.partial()),
  responds: "custom_filter",
  response: customFilter,
});
export const deleteCustomFilterEndpoint = defineEndpoint({ method: "DELETE", path: `${base}/{id}`, summary: "Delete a saved view", tag, params: customFilterParams, status: 204, responds: "empty" });

export const bulkActionsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/bulk_actions",
  summary:
    "Change many conversations (type Conversation): ids (display ids) or filter (a filter payload: all matching), fields {status, assignee_id, team_id, snoozed_until}, labels {add, remove} (titles); up to 100 ids are applied before the answer, more (or a filter) by a job",
  tag: "Conversations",
  params: accountParams,
  body: z
    .object({
      type: z.literal("Conversation"),
      ids: z.array(z.union([z.number(), z.string()])).max(MAX_BULK_IDS).optional(),
      filter: filterPayload.optional(),
      fields: z
        .object({
          status: z.enum(["open", "pending", "resolved", "snoozed"]).optional(),
          assignee_id: z.union([z.number(), z.string()]).nullable().optional(),
          snoozed_until: z.union([z.number(), z.string()]).nullable().optional(),
          team_id: z.union([z.number(), z.string()]).nullable().optional(),
        })
        .strict()
        .default({}),
      labels: z.object({ add: z.array(z.string().max(255)).max(100).default([]), remove: z.array(z.string().max(255)).max(100).default([]) }).strict().optional(),
    })
    .strict(),
  responds: "{ run_id, queued, total, done, failed } (Chatwoot answers an empty 200; its clients ignore the body)",
});
