import { z } from "zod";
import { filterPayload } from "@/lib/conversations/filter/payload";
import { SORT_KEYS } from "@/lib/conversations/filter/sort";
import { MAX_CONVERSATION_PAGE } from "@/lib/conversations/list-conversations";
import { conversationResponse } from "../responses";
import { accountParams, defineEndpoint } from "../endpoint";

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
