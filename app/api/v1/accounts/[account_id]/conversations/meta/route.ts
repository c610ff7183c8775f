import { conversationCountsEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { countConversations } from "@/lib/conversations/list-conversations";

export const GET = apiRoute(conversationCountsEndpoint, async ({ db, actor, params, query }) => {
  const meta = await countConversations(db, actor, params.account_id, { status: query.status, inboxId: query.inbox_id });
  return {
    meta: {
      mine_count: meta.mineCount,
      unassigned_count: meta.unassignedCount,
      assigned_count: meta.allCount - meta.unassignedCount,
      all_count: meta.allCount,
    },
  };
});
