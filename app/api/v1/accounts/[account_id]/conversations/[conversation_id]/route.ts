import { getConversationEndpoint, updateConversationEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeConversation } from "@/lib/api/serializers/conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { updateConversation } from "@/lib/conversations/update-conversation";

export const GET = apiRoute(getConversationEndpoint, async ({ db, actor, params }) =>
  serializeConversation(await getConversation(db, actor, params.account_id, params.conversation_id)),
);

// Chatwoot's update permits priority and (enterprise) sla_policy_id; each is changed only when sent.
export const PATCH = apiRoute(updateConversationEndpoint, async ({ db, actor, params, body }) =>
  serializeConversation(
    await updateConversation(db, actor, params.account_id, params.conversation_id, {
      priority: body.priority === "none" ? null : body.priority,
      slaPolicyId: body.sla_policy_id,
    }),
  ),
);
