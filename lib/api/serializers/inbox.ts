import type { z } from "zod";
import type { inboxResponse } from "../responses";
import type { WithEmail } from "@/lib/inboxes/email-channel-details";
import type { InboxDetails } from "@/lib/inboxes/inboxes";
import { channelTypeName } from "./channel";
import { unixOrNull } from "./time";
import { configOfLimit } from "@/lib/assignment/settings";
import { serializeInboxHours } from "@/lib/business-hours/chatwoot";

type InboxJson = z.infer<typeof inboxResponse>;

/**
 * Chatwoot's inbox JSON. The domain leaves the API channel's secrets null for non-administrators.
 * Email inboxes add their address, health and (administrators only) server settings and the
 * forwarding address — never a password.
 */
export function serializeInbox(i: InboxDetails | WithEmail<InboxDetails>): InboxJson {
  return {
    id: i.id,
    account_id: i.accountId,
    name: i.name,
    channel_id: i.channelId,
    channel_type: channelTypeName(i.channelType),
    avatar_url: "",
    greeting_enabled: i.greetingEnabled,
    greeting_message: i.greetingMessage,
    enable_auto_assignment: i.enableAutoAssignment,
    auto_assignment_config: configOfLimit(i.autoAssignmentLimit),
    allow_messages_after_resolved: i.allowMessagesAfterResolved,
    ...serializeInboxHours(i),
    csat_survey_enabled: i.csatSurveyEnabled,
    csat_config: i.csatConfig,
    enable_email_collect: false,
    lock_to_single_conversation: false,
    webhook_url: i.api?.webhookUrl ?? null,
    callback_webhook_url: i.api?.webhookUrl ?? null,
    hmac_mandatory: i.api?.hmacMandatory ?? false,
    ...(i.api?.identifier ? { inbox_identifier: i.api.identifier } : {}),
    ...(i.api?.hmacToken ? { hmac_token: i.api.hmacToken } : {}),
    ...(i.api?.secret ? { secret: i.api.secret } : {}),
    ...("email" in i && i.email ? serializeEmailChannel(i.email) : {}),
    email_signature: i.emailSignature,
  };
}

function serializeEmailChannel(e: NonNullable<WithEmail<InboxDetails>["email"]>): Partial<InboxJson> {
  const common: Partial<InboxJson> = {
    email: e.email,
    provider: e.provider,
    reauthorization_required: e.health === "reconnect_needed",
    health: {
      status: e.health,
      last_poll_at: unixOrNull(e.lastPollAt),
      last_successful_poll_at: unixOrNull(e.lastSuccessfulPollAt),
      last_error: e.lastError,
      last_error_at: unixOrNull(e.lastErrorAt),
      backfill_since: unixOrNull(e.backfillSince),
    },
  };
  if (!e.settingsVisible) return common;
  return {
    ...common,
    forwarding_address: e.forwardingAddress,
    imap_enabled: e.imapEnabled,
    imap_address: e.imapAddress,
    imap_port: e.imapPort,
    imap_login: e.imapLogin,
    imap_enable_ssl: e.imapEnableSsl,
    imap_enable_starttls_auto: e.imapEnableStarttlsAuto,
    imap_folder: e.imapFolder,
    imap_processed_folder: e.imapProcessedFolder,
    imap_after_import: e.imapAfterImport,
    poll_interval_seconds: e.pollIntervalSeconds,
    smtp_enabled: e.smtpEnabled,
    smtp_address: e.smtpAddress,
    smtp_port: e.smtpPort,
    smtp_login: e.smtpLogin,
    smtp_domain: e.smtpDomain,
    smtp_enable_ssl_tls: e.smtpEnableSslTls,
    smtp_enable_starttls_auto: e.smtpEnableStarttlsAuto,
    smtp_authentication: e.smtpAuthentication,
  };
}
