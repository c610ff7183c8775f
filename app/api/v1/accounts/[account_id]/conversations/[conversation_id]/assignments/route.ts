import { assignConversationEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeAssignee } from "@/lib/api/serializers/agent";
import { assignConversation } from "@/lib/conversations/assign-conversation";

// Chatwoot answers with the assignee, or null after unassigning.
export const POST = apiRoute(assignConversationEndpoint, async ({ db, actor, params, body }) => {
  const conversation = await assignConversation(db, actor, params.account_id, params.conversation_id, {
    assigneeId: body.assignee_id ?? null,
  });
  return conversation.assignee ? serializeAssignee(conversation.accountId, conversation.assignee) : null;
});
