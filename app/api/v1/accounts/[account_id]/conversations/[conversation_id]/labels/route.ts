import { listConversationLabelsEndpoint, setConversationLabelsEndpoint } from "@/lib/api/endpoints/labels";
import { apiRoute } from "@/lib/api/handler";
import { changeConversationLabels, getConversationLabels } from "@/lib/labels/conversation-labels";

export const GET = apiRoute(listConversationLabelsEndpoint, async ({ db, actor, params }) => ({
  payload: await getConversationLabels(db, actor, params.account_id, params.conversation_id),
}));

// Chatwoot replaces the whole list and answers with it.
export const POST = apiRoute(setConversationLabelsEndpoint, async ({ db, actor, params, body }) => ({
  payload: (await changeConversationLabels(db, actor, params.account_id, params.conversation_id, { set: body.labels })).labels,
}));
