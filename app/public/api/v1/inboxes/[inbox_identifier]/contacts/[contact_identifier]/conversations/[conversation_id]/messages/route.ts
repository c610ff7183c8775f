import { createClientMessageEndpoint, listClientMessagesEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientMessage } from "@/lib/api/serializers/client-api";
import { createClientMessage, listClientMessages } from "@/lib/client-api/messages";

export const GET = apiRoute(listClientMessagesEndpoint, async ({ db, params, query }) => {
  const path = { inboxIdentifier: params.inbox_identifier, sourceId: params.contact_identifier };
  const list = await listClientMessages(db, params.inbox_identifier, params.contact_identifier, params.conversation_id, { before: query.before });
  return list.map((m) => serializeClientMessage(m, path));
});

export const POST = apiRoute(createClientMessageEndpoint, async ({ db, params, body }) => {
  const path = { inboxIdentifier: params.inbox_identifier, sourceId: params.contact_identifier };
  const created = await createClientMessage(db, params.inbox_identifier, params.contact_identifier, params.conversation_id, {
    content: body.content,
    echoId: body.echo_id,
    attachments: body.attachments,
  });
  return { ...serializeClientMessage(created, path), ...(created.echoId ? { echo_id: created.echoId } : {}) };
});
