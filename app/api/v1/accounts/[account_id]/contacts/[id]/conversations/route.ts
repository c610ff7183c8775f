import { contactConversationsEndpoint } from "@/lib/api/endpoints/contacts";
import { apiRoute } from "@/lib/api/handler";
import { serializeConversation } from "@/lib/api/serializers/conversation";
import { listContactConversations } from "@/lib/contacts/contact-conversations";

export const GET = apiRoute(contactConversationsEndpoint, async ({ db, actor, params }) => ({
  payload: (await listContactConversations(db, actor, params.account_id, params.id)).map(serializeConversation),
}));
