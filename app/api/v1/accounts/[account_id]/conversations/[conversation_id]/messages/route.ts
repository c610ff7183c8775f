import { createMessageEndpoint, listMessagesEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { serializeAssignee } from "@/lib/api/serializers/agent";
import { serializeMessage } from "@/lib/api/serializers/message";
import { isoOrNull } from "@/lib/api/serializers/time";
import { createMessage } from "@/lib/messages/create-message";
import { listMessages } from "@/lib/messages/list-messages";
import { readMessageFiles } from "@/lib/messages/attachments";
import { listMessageAttachments } from "@/lib/messages/get-attachment";

export const GET = apiRoute(listMessagesEndpoint, async ({ db, actor, params, query }) => {
  const { conversation: c, messages } = await listMessages(db, actor, params.account_id, params.conversation_id, {
    before: query.before,
    after: query.after,
    filterInternalMessages: query.filter_internal_messages,
  });
  const attached = await listMessageAttachments(db, actor, params.account_id, messages.map((m) => m.id));
  return {
    meta: {
      labels: c.labels,
      additional_attributes: c.additionalAttributes,
      contact: {
        id: c.contact.id,
        name: c.contact.name,
        email: c.contact.email,
        phone_number: c.contact.phoneNumber,
        identifier: c.contact.identifier,
        thumbnail: c.contact.thumbnail ?? "",
        type: "contact",
      },
      assignee: c.assignee ? serializeAssignee(c.accountId, c.assignee) : null,
      agent_last_seen_at: isoOrNull(c.agentLastSeenAt),
      assignee_last_seen_at: isoOrNull(c.assigneeLastSeenAt),
    },
    payload: messages.map((m) => serializeMessage(m, attached)),
  };
});

export const POST = apiRoute(createMessageEndpoint, async ({ db, actor, params, body }) => {
  const files = await readMessageFiles(body.attachments ?? []);
  const message = await createMessage(
    db,
    actor,
    params.account_id,
    params.conversation_id,
    {
      content: body.content,
      contentFormat: body.content_format,
      messageType: body.message_type,
      private: body.private,
      contentType: body.content_type,
      contentAttributes: body.content_attributes,
      sourceId: body.source_id,
    },
    { files },
  );
  return serializeMessage(message, await listMessageAttachments(db, actor, params.account_id, [message.id]));
});
