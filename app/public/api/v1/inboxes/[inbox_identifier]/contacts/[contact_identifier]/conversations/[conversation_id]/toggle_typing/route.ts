import { toggleClientTypingEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { toggleClientTyping } from "@/lib/client-api/conversations";

// Chatwoot's clients send typing_status in the query or in the body.
export const POST = apiRoute(toggleClientTypingEndpoint, async ({ db, params, query, body }) => {
  await toggleClientTyping(db, params.inbox_identifier, params.contact_identifier, params.conversation_id, {
    typingStatus: (body.typing_status ?? query.typing_status) as "on" | "off",
  });
});
