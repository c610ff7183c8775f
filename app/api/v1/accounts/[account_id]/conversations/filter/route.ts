import { filterConversationsEndpoint } from "@/lib/api/endpoints/filters";
import { apiRoute } from "@/lib/api/handler";
import { serializeConversation } from "@/lib/api/serializers/conversation";
import { filterConversations } from "@/lib/conversations/filter/filter-conversations";

export const POST = apiRoute(filterConversationsEndpoint, async ({ db, actor, params, query, body }) => {
  const { conversations, meta } = await filterConversations(db, actor, params.account_id, {
    payload: body.payload,
    page: body.page ?? query.page,
    sortBy: body.sort_by ?? query.sort_by,
  });
  return {
    meta: { mine_count: meta.mineCount, unassigned_count: meta.unassignedCount, all_count: meta.allCount },
    payload: conversations.map(serializeConversation),
  };
});
