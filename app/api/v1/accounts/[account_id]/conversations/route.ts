import { createConversationEndpoint, listConversationsEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeConversation } from "@/lib/api/serializers/conversation";
import { parseApiTime } from "@/lib/api/serializers/time";
import { createConversation } from "@/lib/conversations/create-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";

export const GET = apiRoute(listConversationsEndpoint, async ({ db, actor, params, query }) => {
  const { conversations, meta } = await listConversations(db, actor, params.account_id, {
    status: query.status,
    assigneeType: query.assignee_type,
    inboxId: query.inbox_id,
    page: query.page,
    q: query.q,
    sortBy: query.sort_by,
    teamId: query.team_id,
    labels: query.labels,
    conversationType: query.conversation_type,
  });
  return {
    data: {
      meta: {
        mine_count: meta.mineCount,
        unassigned_count: meta.unassignedCount,
        assigned_count: meta.allCount - meta.unassignedCount,
        all_count: meta.allCount,
      },
      payload: conversations.map(serializeConversation),
    },
  };
});

export const POST = apiRoute(createConversationEndpoint, async ({ db, actor, params, body }) =>
  serializeConversation(
    await createConversation(db, actor, params.account_id, {
      inboxId: body.inbox_id,
      sourceId: body.source_id,
      contactId: body.contact_id,
      status: body.status,
      assigneeId: body.assignee_id,
      snoozedUntil: parseApiTime(body.snoozed_until),
      additionalAttributes: body.additional_attributes,
      customAttributes: body.custom_attributes,
      message: body.message
        ? { content: body.message.content, messageType: body.message.message_type, private: body.message.private }
        : undefined,
    }),
  ),
);
