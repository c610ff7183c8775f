import { getClientAttachmentEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { getClientAttachment } from "@/lib/client-api/messages";
import { attachmentResponse } from "@/lib/messages/get-attachment";

export const GET = apiRoute(getClientAttachmentEndpoint, async ({ db, params }) =>
  attachmentResponse(
    await getClientAttachment(db, params.inbox_identifier, params.contact_identifier, {
      displayId: params.conversation_id,
      messageId: params.message_id,
      attachmentId: params.attachment_id,
    }),
  ),
);
