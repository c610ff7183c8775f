import { getClientConversationEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientConversation } from "@/lib/api/serializers/client-api";
import { getClientConversation } from "@/lib/client-api/conversations";

export const GET = apiRoute(getClientConversationEndpoint, async ({ db, params }) =>
  serializeClientConversation(await getClientConversation(db, params.inbox_identifier, params.contact_identifier, params.conversation_id), {
    inboxIdentifier: params.inbox_identifier,
    sourceId: params.contact_identifier,
  }),
);
