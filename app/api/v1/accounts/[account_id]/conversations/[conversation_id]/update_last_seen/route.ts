import { updateLastSeenEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { markConversationRead } from "@/lib/conversations/mark-read";

export const POST = apiRoute(updateLastSeenEndpoint, async ({ db, actor, params }) => {
  await markConversationRead(db, actor, params.account_id, params.conversation_id);
});
