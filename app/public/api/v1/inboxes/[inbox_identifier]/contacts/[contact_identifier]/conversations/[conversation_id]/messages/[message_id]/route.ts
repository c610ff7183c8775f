import { updateClientMessageEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientMessage } from "@/lib/api/serializers/client-api";
import { updateClientMessage } from "@/lib/client-api/messages";

export const PATCH = apiRoute(updateClientMessageEndpoint, async ({ db, params, body }) =>
  serializeClientMessage(
    await updateClientMessage(db, params.inbox_identifier, params.contact_identifier, params.conversation_id, params.message_id, {
      submittedValues: body.submitted_values,
    }),
    { inboxIdentifier: params.inbox_identifier, sourceId: params.contact_identifier },
  ),
);
