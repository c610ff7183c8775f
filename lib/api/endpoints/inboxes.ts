import { z } from "zod";
import { agentResponse, inboxResponse, payloadOf } from "../responses";
import { accountParams, defineEndpoint, idParam } from "../endpoint";
import { autoAssignmentConfigBody } from "@/lib/assignment/settings";
import { inboxHoursBody } from "@/lib/business-hours/chatwoot";

/** Chatwoot's Channel::Email fields, plus Postdesk's own IMAP options (folders, after import, interval). */
const emailChannelBody = z.object({
  email: z.string().optional(),
  imap_enabled: z.boolean().optional(),
  imap_address: z.string().nullable().optional(),
  imap_port: z.number().int().optional(),
  imap_login: z.string().nullable().optional(),
  imap_password: z.string().nullable().optional().describe("Write only; never returned"),
  imap_enable_ssl: z.boolean().optional(),
  imap_enable_starttls_auto: z.boolean().optional().describe("Without SSL/TLS: STARTTLS when offered (true, default) or never (false: unencrypted)"),
  imap_folder: z.string().optional().describe("Folder to read (default INBOX)"),
  imap_processed_folder: z.string().optional().describe("Folder imported mail is moved to (default Processed, created when missing)"),
  imap_after_import: z.enum(["move", "mark_seen", "leave"]).optional(),
  poll_interval_seconds: z.number().int().optional().describe("Seconds between polls, at least 30"),
  smtp_enabled: z.boolean().optional(),
  smtp_address: z.string().nullable().optional(),
  smtp_port: z.number().int().optional(),
  smtp_login: z.string().nullable().optional(),
  smtp_password: z.string().nullable().optional().describe("Write only; never returned"),
  smtp_domain: z.string().nullable().optional(),
  smtp_enable_ssl_tls: z.boolean().optional(),
  smtp_enable_starttls_auto: z.boolean().optional(),
  smtp_authentication: z.enum(["plain", "login", "cram_md5", "none"]).optional(),
});
export type EmailChannelBody = z.infer<typeof emailChannelBody>;

const inboxParams = accountParams.extend({ id: idParam });

const settings = {
  greeting_enabled: z.boolean().optional(),
  greeting_message: z.string().nullable().optional(),
  email_signature: z.string().nullable().optional().describe("Email inboxes: appended to every email reply, HTML or Markdown, stored sanitized (Postdesk's)"),
  enable_auto_assignment: z.boolean().optional(),
  auto_assignment_config: autoAssignmentConfigBody,
  ...inboxHoursBody,
  allow_messages_after_resolved: z.boolean().optional(),
  csat_survey_enabled: z.boolean().optional().describe("Email inboxes: a satisfaction survey mail when a conversation is resolved"),
  csat_config: z
    .object({ display_type: z.enum(["emoji", "star"]).optional(), message: z.string().optional() })
    .loose()
    .optional()
    .describe("Chatwoot's survey settings: display_type (emoji or star) and message (the survey's text); replaces the stored ones; other keys are ignored"),
};

export const listInboxesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inboxes",
  summary: "List the inboxes the caller can see",
  tag: "Inboxes",
  params: accountParams,
  responds: "{ payload: inbox[] }",
  response: payloadOf(z.array(inboxResponse)),
});

export const getInboxEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}",
  summary: "Inbox details",
  tag: "Inboxes",
  params: inboxParams,
  responds: "inbox",
  response: inboxResponse,
});

export const createInboxEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/inboxes",
  summary: "Create an API or email inbox (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: z.object({
    name: z.string(),
    ...settings,
    channel: z.discriminatedUnion("type", [
      z.object({
        type: z.literal("api"),
        webhook_url: z.string().nullable().optional(),
        hmac_mandatory: z.boolean().optional(),
      }),
      emailChannelBody.extend({ type: z.literal("email"), email: z.string() }),
    ]),
  }),
  responds: "inbox",
  response: inboxResponse,
});

export const updateInboxEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}",
  summary: "Update an inbox (administrators)",
  tag: "Inboxes",
  params: inboxParams,
  body: z.object({
    name: z.string().optional(),
    ...settings,
    channel: emailChannelBody
      .extend({ webhook_url: z.string().nullable().optional(), hmac_mandatory: z.boolean().optional() })
      .optional()
      .describe("API inboxes: webhook_url, hmac_mandatory. Email inboxes: the email fields; a blank password keeps the stored one"),
  }),
  responds: "inbox",
  response: inboxResponse,
});

export const deleteInboxEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}",
  summary: "Delete an inbox with its conversations, messages and mail (administrators; contacts stay)",
  tag: "Inboxes",
  params: inboxParams,
  responds: "empty",
});

export const pollInboxEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}/poll",
  summary: "Poll an email inbox's mailbox now (administrators)",
  tag: "Inboxes",
  params: inboxParams,
  responds: "{ queued: true }",
  status: 202,
  response: z.object({ queued: z.boolean() }),
});

const membersBody = z.object({ inbox_id: z.coerce.number().int().positive(), user_ids: z.array(z.number().int().positive()) });

export const listInboxMembersEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inbox_members/{inbox_id}",
  summary: "List an inbox's members",
  tag: "Inboxes",
  params: accountParams.extend({ inbox_id: idParam }),
  responds: "{ payload: agent[] }",
  response: payloadOf(z.array(agentResponse)),
});

export const addInboxMembersEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/inbox_members",
  summary: "Add agents to an inbox (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: membersBody,
  responds: "{ payload: agent[] }",
  response: payloadOf(z.array(agentResponse)),
});

export const setInboxMembersEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/inbox_members",
  summary: "Replace an inbox's members with exactly these agents (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: membersBody,
  responds: "{ payload: agent[] }",
  response: payloadOf(z.array(agentResponse)),
});

export const removeInboxMembersEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/inbox_members",
  summary: "Remove agents from an inbox (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: membersBody,
  responds: "empty",
});
