import { assignConversationEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeAssignee } from "@/lib/api/serializers/agent";
import { serializeTeam } from "@/lib/api/serializers/organize";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { assignTeam } from "@/lib/teams/assign-team";
import { getTeam } from "@/lib/teams/teams";

/**
 * As Chatwoot: `assignee_id` (null unassigns) answers with the agent or null; `team_id` alone sets
 * the team and answers with it, leaving the agent as it is; a body with neither changes nothing.
 * Both together set the team, then the agent.
 */
export const POST = apiRoute(assignConversationEndpoint, async ({ db, actor, params, body }) => {
  if (body.team_id !== undefined) {
    await assignTeam(db, actor, params.account_id, params.conversation_id, { teamId: body.team_id });
  }
  if (body.assignee_id !== undefined) {
    const conversation = await assignConversation(db, actor, params.account_id, params.conversation_id, { assigneeId: body.assignee_id });
    return conversation.assignee ? serializeAssignee(conversation.accountId, conversation.assignee) : null;
  }
  if (body.team_id !== undefined && body.team_id !== null) return serializeTeam(await getTeam(db, actor, params.account_id, body.team_id));
  return null;
});
