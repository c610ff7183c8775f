import { createInboxEndpoint, listInboxesEndpoint } from "@/lib/api/endpoints/inboxes";
import { apiRoute } from "@/lib/api/handler";
import { serializeInbox } from "@/lib/api/serializers/inbox";
import { createApiInbox, listInboxes } from "@/lib/inboxes/inboxes";

export const GET = apiRoute(listInboxesEndpoint, async ({ db, actor, params }) => ({
  payload: (await listInboxes(db, actor, params.account_id)).map(serializeInbox),
}));

export const POST = apiRoute(createInboxEndpoint, async ({ db, actor, params, body }) =>
  serializeInbox(
    await createApiInbox(db, actor, params.account_id, {
      name: body.name,
      greetingEnabled: body.greeting_enabled,
      greetingMessage: body.greeting_message,
      enableAutoAssignment: body.enable_auto_assignment,
      allowMessagesAfterResolved: body.allow_messages_after_resolved,
      webhookUrl: body.channel.webhook_url,
      hmacMandatory: body.channel.hmac_mandatory,
    }),
  ),
);
