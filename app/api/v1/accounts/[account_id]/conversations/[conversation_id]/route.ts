import { getConversationEndpoint, updateConversationEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeConversation } from "@/lib/api/serializers/conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { updatePriority } from "@/lib/conversations/update-priority";

export const GET = apiRoute(getConversationEndpoint, async ({ db, actor, params }) =>
  serializeConversation(await getConversation(db, actor, params.account_id, params.conversation_id)),
);

export const PATCH = apiRoute(updateConversationEndpoint, async ({ db, actor, params, body }) =>
  serializeConversation(
    await updatePriority(db, actor, params.account_id, params.conversation_id, {
      priority: body.priority === "none" ? null : body.priority,
    }),
  ),
);
