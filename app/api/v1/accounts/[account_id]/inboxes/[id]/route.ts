import { deleteInboxEndpoint, getInboxEndpoint, updateInboxEndpoint } from "@/lib/api/endpoints/inboxes";
import { emailChannelParams } from "@/lib/api/email-channel-params";
import { apiRoute } from "@/lib/api/handler";
import { serializeInbox } from "@/lib/api/serializers/inbox";
import { getInboxWithEmail } from "@/lib/inboxes/email-inbox-views";
import { deleteInbox } from "@/lib/inboxes/delete-inbox";
import { updateInbox } from "@/lib/inboxes/inboxes";
import { updateEmailInbox } from "@/lib/inboxes/update-email-inbox";
import { limitFromConfig } from "@/lib/assignment/settings";
import { inboxHoursFromBody } from "@/lib/business-hours/chatwoot";
import { updateInboxBusinessHours } from "@/lib/business-hours/settings";
import { setCsatSurveyEnabled } from "@/lib/csat/settings";
import { setCsatConfig } from "@/lib/csat/config";

export const GET = apiRoute(getInboxEndpoint, async ({ db, actor, params }) => serializeInbox(await getInboxWithEmail(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateInboxEndpoint, async ({ db, actor, params, body }) => {
  const settings = {
    name: body.name,
    greetingEnabled: body.greeting_enabled,
    greetingMessage: body.greeting_message,
    enableAutoAssignment: body.enable_auto_assignment,
    autoAssignmentLimit: limitFromConfig(body.auto_assignment_config),
    allowMessagesAfterResolved: body.allow_messages_after_resolved,
  };
  if (body.csat_survey_enabled !== undefined) await setCsatSurveyEnabled(db, actor, params.account_id, params.id, body.csat_survey_enabled);
  if (body.csat_config !== undefined) await setCsatConfig(db, actor, params.account_id, params.id, body.csat_config);
  // Which update applies depends on the inbox's channel; reading it also checks access.
  const current = await getInboxWithEmail(db, actor, params.account_id, params.id);
  const hours = inboxHoursFromBody(body, current.businessHours);
  if (hours) await updateInboxBusinessHours(db, actor, params.account_id, params.id, hours);
  if (current.channelType === "email") {
    const channel = body.channel ? emailChannelParams(body.channel) : undefined;
    return serializeInbox(await updateEmailInbox(db, actor, params.account_id, params.id, { ...settings, emailSignature: body.email_signature, channel }));
  }
  return serializeInbox(
    await updateInbox(db, actor, params.account_id, params.id, { ...settings, webhookUrl: body.channel?.webhook_url, hmacMandatory: body.channel?.hmac_mandatory }),
  );
});

export const DELETE = apiRoute(deleteInboxEndpoint, async ({ db, actor, params }) => {
  await deleteInbox(db, actor, params.account_id, params.id);
});
