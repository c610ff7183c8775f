import { searchConversationsEndpoint } from "@/lib/api/endpoints/search";
import { apiRoute } from "@/lib/api/handler";
import { serializeSearchHit } from "@/lib/api/serializers/search";
import { searchConversations } from "@/lib/search/search-conversations";

export const GET = apiRoute(searchConversationsEndpoint, async ({ db, actor, params, query }) => {
  const { conversations, meta } = await searchConversations(db, actor, params.account_id, {
    q: query.q,
    status: query.status,
    assigneeType: query.assignee_type,
    page: query.page,
  });
  return {
    data: {
      meta: {
        mine_count: meta.mineCount,
        unassigned_count: meta.unassignedCount,
        assigned_count: meta.allCount - meta.unassignedCount,
        all_count: meta.allCount,
      },
      payload: conversations.map(serializeSearchHit),
    },
  };
});
