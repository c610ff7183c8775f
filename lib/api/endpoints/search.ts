import { z } from "zod";
import { conversationListResponse } from "../responses";
import { accountParams, defineEndpoint } from "../endpoint";
import { MAX_SEARCH_PAGE, MAX_SEARCH_QUERY } from "@/lib/search/search-conversations";

export const searchConversationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/conversations/search",
  summary:
    "Search conversations by message text (notes included, every word, the last also as a prefix), email subject, contact name or " +
    "address (typos tolerated) and number (#42), newest activity first, 25 per page. As in Chatwoot, open " +
    "conversations unless `status` says otherwise; `messages` holds the newest matching message. A word found in " +
    "more conversations than the page needs is looked for among the newest conversations only: the counts are then at least",
  tag: "Conversations",
  params: accountParams,
  query: z.object({
    q: z.string().trim().min(1).max(MAX_SEARCH_QUERY),
    status: z.enum(["open", "resolved", "pending", "snoozed", "all"]).default("open"),
    assignee_type: z.enum(["me", "unassigned", "all", "assigned"]).default("all"),
    page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1),
  }),
  responds: "{ data: { meta: { mine_count, unassigned_count, assigned_count, all_count }, payload: conversation[] } }",
  response: conversationListResponse,
});
