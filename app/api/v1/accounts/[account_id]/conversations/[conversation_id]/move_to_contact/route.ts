import { moveToContactEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeConversation } from "@/lib/api/serializers/conversation";
import { moveConversationToContact } from "@/lib/contacts/move-conversation";

export const POST = apiRoute(moveToContactEndpoint, async ({ db, actor, params, body }) =>
  serializeConversation(await moveConversationToContact(db, actor, params.account_id, params.conversation_id, { contactId: body.contact_id })),
);
