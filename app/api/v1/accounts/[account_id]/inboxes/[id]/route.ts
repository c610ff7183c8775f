import { getInboxEndpoint, updateInboxEndpoint } from "@/lib/api/endpoints/inboxes";
import { apiRoute } from "@/lib/api/handler";
import { serializeInbox } from "@/lib/api/serializers/inbox";
import { getInbox, updateInbox } from "@/lib/inboxes/inboxes";

export const GET = apiRoute(getInboxEndpoint, async ({ db, actor, params }) => serializeInbox(await getInbox(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateInboxEndpoint, async ({ db, actor, params, body }) =>
  serializeInbox(
    await updateInbox(db, actor, params.account_id, params.id, {
      name: body.name,
      greetingEnabled: body.greeting_enabled,
      greetingMessage: body.greeting_message,
      enableAutoAssignment: body.enable_auto_assignment,
      allowMessagesAfterResolved: body.allow_messages_after_resolved,
      webhookUrl: body.channel?.webhook_url,
      hmacMandatory: body.channel?.hmac_mandatory,
    }),
  ),
);
