import { createClientConversationEndpoint, listClientConversationsEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientConversation } from "@/lib/api/serializers/client-api";
import { createClientConversation, listClientConversations } from "@/lib/client-api/conversations";

export const GET = apiRoute(listClientConversationsEndpoint, async ({ db, params }) => {
  const path = { inboxIdentifier: params.inbox_identifier, sourceId: params.contact_identifier };
  const list = await listClientConversations(db, params.inbox_identifier, params.contact_identifier);
  return list.map((c) => serializeClientConversation(c, path));
});

export const POST = apiRoute(createClientConversationEndpoint, async ({ db, params, body }) => {
  const path = { inboxIdentifier: params.inbox_identifier, sourceId: params.contact_identifier };
  const created = await createClientConversation(db, params.inbox_identifier, params.contact_identifier, { customAttributes: body.custom_attributes });
  return serializeClientConversation(created, path);
});
