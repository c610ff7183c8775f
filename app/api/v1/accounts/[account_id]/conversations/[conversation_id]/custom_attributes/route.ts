import { setConversationAttributesEndpoint } from "@/lib/api/endpoints/custom-attributes";
import { apiRoute } from "@/lib/api/handler";
import { updateConversationAttributes } from "@/lib/custom-attributes/conversation-attributes";

// Chatwoot answers {custom_attributes: {...}}.
export const POST = apiRoute(setConversationAttributesEndpoint, async ({ db, actor, params, body }) => ({
  custom_attributes: (
    await updateConversationAttributes(db, actor, params.account_id, params.conversation_id, { customAttributes: body.custom_attributes, merge: body.merge })
  ).customAttributes,
}));
