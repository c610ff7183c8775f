import { createInboxEndpoint, listInboxesEndpoint } from "@/lib/api/endpoints/inboxes";
import { emailChannelParams } from "@/lib/api/email-channel-params";
import { apiRoute } from "@/lib/api/handler";
import { serializeInbox } from "@/lib/api/serializers/inbox";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { listInboxesWithEmail } from "@/lib/inboxes/email-inbox-views";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { limitFromConfig } from "@/lib/assignment/settings";

export const GET = apiRoute(listInboxesEndpoint, async ({ db, actor, params }) => ({
  payload: (await listInboxesWithEmail(db, actor, params.account_id)).map(serializeInbox),
}));

export const POST = apiRoute(createInboxEndpoint, async ({ db, actor, params, body }) => {
  const settings = {
    name: body.name,
    greetingEnabled: body.greeting_enabled,
    greetingMessage: body.greeting_message,
    enableAutoAssignment: body.enable_auto_assignment,
    autoAssignmentLimit: limitFromConfig(body.auto_assignment_config),
    allowMessagesAfterResolved: body.allow_messages_after_resolved,
  };
  const channel = body.channel;
  if (channel.type === "email") {
    return serializeInbox(await createEmailInbox(db, actor, params.account_id, { ...settings, channel: { ...emailChannelParams(channel), email: channel.email } }));
  }
  return serializeInbox(
    await createApiInbox(db, actor, params.account_id, { ...settings, webhookUrl: channel.webhook_url, hmacMandatory: channel.hmac_mandatory }),
  );
});
