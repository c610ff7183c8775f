import { resolveClientConversationEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientConversation } from "@/lib/api/serializers/client-api";
import { resolveClientConversation } from "@/lib/client-api/conversations";

export const POST = apiRoute(resolveClientConversationEndpoint, async ({ db, params }) =>
  serializeClientConversation(await resolveClientConversation(db, params.inbox_identifier, params.contact_identifier, params.conversation_id), {
    inboxIdentifier: params.inbox_identifier,
    sourceId: params.contact_identifier,
  }),
);
