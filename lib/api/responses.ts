import { z } from "zod";
import { inboxResponse } from "./inbox-response";

export { inboxResponse };

/**
 * The JSON the Application API answers with, as zod schemas in Chatwoot's shapes. Serializers are
 * typed by them (so the compiler checks every field), the OpenAPI document publishes them, and in
 * tests the API wrapper validates every response against them (lib/api/handler.ts).
 */
const unixSeconds = z.number().int();
const attributes = z.record(z.string(), z.unknown());
const availability = z.enum(["online", "busy", "offline"]);
const role = z.enum(["agent", "administrator"]);

export const agentResponse = z.object({
  id: z.number().int(),
  account_id: z.number().int(),
  availability_status: availability,
  auto_offline: z.boolean(),
  confirmed: z.boolean(),
  email: z.string(),
  available_name: z.string(),
  name: z.string(),
  role: role.optional(),
  thumbnail: z.string(),
  custom_role_id: z.number().int().nullable().optional(),
});

/**
 * The answer to adding an agent: an invitation, the same for an address that already has a user
 * and one that does not. Agent-shaped (Chatwoot's `confirmed: false` for someone who has not
 * accepted yet), with `id: null` because nobody is a member until they accept.
 */
export const invitedAgentResponse = agentResponse.extend({
  id: z.null(),
  confirmed: z.literal(false),
  invitation: z.object({ id: z.number().int(), expires_at: z.number().int().describe("Unix seconds") }),
});

export const contactInboxResponse = z.object({
  source_id: z.string(),
  inbox: z.object({
    id: z.number().int(),
    name: z.string(),
    channel_id: z.number().int(),
    channel_type: z.string(),
    avatar_url: z.string(),
    provider: z.null(),
  }),
});

export const contactResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone_number: z.string().nullable(),
  identifier: z.string().nullable(),
  thumbnail: z.string(),
  blocked: z.boolean(),
  availability_status: z.enum(["online", "offline"]),
  additional_attributes: attributes,
  custom_attributes: attributes,
  last_activity_at: unixSeconds.nullable(),
  created_at: unixSeconds,
  contact_inboxes: z.array(contactInboxResponse).optional().describe("The contact's addresses in the inboxes the caller sees"),
});

const senderResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(["contact", "user", "agent_bot"]),
  thumbnail: z.string(),
  email: z.string().nullable().optional(),
  available_name: z.string().optional(),
  avatar_url: z.string().optional(),
});

/** message_type: 0 incoming, 1 outgoing, 2 activity, 3 template (Chatwoot's enum integers). */
const messageType = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

export const messageResponse = z.object({
  id: z.number().int(),
  content: z.string().nullable(),
  account_id: z.number().int(),
  inbox_id: z.number().int(),
  conversation_id: z.number().int().describe("The conversation's display id"),
  message_type: messageType,
  content_type: z.string(),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  content_attributes: attributes,
  created_at: unixSeconds,
  updated_at: unixSeconds,
  private: z.boolean(),
  source_id: z.string().nullable(),
  sender_type: z.enum(["Contact", "User", "AgentBot"]).nullable(),
  sender_id: z.number().int().nullable(),
  external_source_ids: attributes,
  additional_attributes: attributes,
  processed_message_content: z.string().nullable(),
  attachments: z.array(z.unknown()),
  sender: senderResponse.optional(),
  email_delivery: z
    .object({
      status: z.enum(["queued", "sending", "sent", "failed"]),
      transport: z.string().describe("smtp, outbox (kept in the local outbox: the inbox has no outgoing mail server), graph or mailgun"),
      attempts: z.number().int(),
      last_error: z.string().nullable().describe("Why the last attempt failed, in words"),
      next_attempt_at: unixSeconds.nullable().describe("When a temporary failure is retried"),
    })
    .nullable()
    .describe("Postdesk addition: how an outgoing email reply goes out; null for other messages"),
});

const lastMessageResponse = z.object({
  id: z.number().int(),
  content: z.string().nullable(),
  account_id: z.number().int(),
  inbox_id: z.number().int(),
  conversation_id: z.number().int(),
  message_type: messageType,
  created_at: unixSeconds,
  private: z.boolean(),
  sender_type: z.enum(["Contact", "User"]).nullable(),
  sender_id: z.number().int().nullable(),
});

const conversationSender = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone_number: z.string().nullable(),
  identifier: z.string().nullable(),
  thumbnail: z.string(),
  type: z.literal("contact"),
});

export const conversationResponse = z.object({
  id: z.number().int().describe("The display id, used in URLs"),
  uuid: z.string(),
  account_id: z.number().int(),
  inbox_id: z.number().int(),
  status: z.enum(["open", "pending", "resolved", "snoozed"]),
  priority: z.enum(["urgent", "high", "medium", "low"]).nullable(),
  snoozed_until: z.string().nullable().describe("ISO 8601"),
  unread_count: z.number().int(),
  can_reply: z.boolean(),
  muted: z.boolean(),
  labels: z.array(z.string()),
  additional_attributes: attributes,
  custom_attributes: attributes,
  agent_last_seen_at: unixSeconds,
  assignee_last_seen_at: unixSeconds,
  contact_last_seen_at: unixSeconds,
  first_reply_created_at: unixSeconds.nullable(),
  waiting_since: unixSeconds.nullable(),
  last_activity_at: unixSeconds,
  timestamp: unixSeconds,
  created_at: unixSeconds,
  updated_at: unixSeconds,
  messages: z.array(lastMessageResponse),
  last_non_activity_message: lastMessageResponse.nullable(),
  sla_policy_id: z.number().int().nullable().describe("The SLA policy it is under"),
  applied_sla: z.record(z.string(), z.unknown()).optional().describe("Only under an SLA policy: its status and due times (Unix seconds)"),
  meta: z.object({
    sender: conversationSender,
    channel: z.string(),
    assignee: agentResponse.nullable(),
    team: z.object({ id: z.number().int(), name: z.string(), account_id: z.number().int() }).optional().describe("Only when a team is assigned"),
    hmac_verified: z.boolean(),
  }),
});

export const accountResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  locale: z.string(),
  status: z.string(),
  created_at: z.string(),
  features: attributes,
  settings: attributes,
  custom_attributes: attributes,
  working_hours: z.array(attributes),
  timezone: z.string().nullable(),
  reporting_timezone: z.string().nullable().describe("Postdesk's: the zone reports count days in; null: the business hours' zone, else UTC"),
  business_hours: z.object({ timezone: z.string(), days: z.array(z.array(z.object({ open: z.string(), close: z.string() }))), holidays: z.array(z.string()) }).nullable(),
});

export const profileResponse = z.object({
  id: z.number().int(),
  uid: z.string(),
  provider: z.string(),
  name: z.string(),
  display_name: z.string().nullable(),
  available_name: z.string(),
  email: z.string(),
  access_token: z.string().nullable().describe("Always null: tokens are stored hashed and shown only when created or reset (a difference from Chatwoot)"),
  account_id: z.number().int().nullable(),
  role: role.nullable(),
  confirmed: z.boolean(),
  avatar_url: z.string(),
  message_signature: z.string().nullable().describe("The email signature, sanitized HTML (sent as Markdown or HTML)"),
  ui_settings: attributes,
  accounts: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      status: z.string(),
      role,
      availability,
      availability_status: availability,
      auto_offline: z.boolean(),
      active_at: z.null(),
      custom_role_id: z.null(),
      custom_role: z.null(),
    }),
  ),
});

const tabCounts = z.object({
  mine_count: z.number().int(),
  unassigned_count: z.number().int(),
  assigned_count: z.number().int(),
  all_count: z.number().int(),
});

export const conversationListResponse = z.object({ data: z.object({ meta: tabCounts, payload: z.array(conversationResponse) }) });
export const conversationCountsResponse = z.object({ meta: tabCounts });
export const contactListResponse = z.object({
  meta: z.object({ count: z.number().int(), current_page: z.number().int() }),
  payload: z.array(contactResponse),
});
export const messageListResponse = z.object({
  meta: z.object({
    labels: z.array(z.string()),
    additional_attributes: attributes,
    contact: conversationSender,
    assignee: agentResponse.nullable(),
    agent_last_seen_at: z.string().nullable(),
    assignee_last_seen_at: z.string().nullable(),
  }),
  payload: z.array(messageResponse),
});
export const toggleStatusResponse = z.object({
  meta: z.object({}),
  payload: z.object({
    success: z.boolean(),
    current_status: z.enum(["open", "pending", "resolved", "snoozed"]),
    conversation_id: z.number().int(),
    snoozed_until: z.string().nullable().describe("ISO 8601"),
  }),
});
export const payloadOf = <T extends z.ZodType>(schema: T) => z.object({ payload: schema });

/** A team as Chatwoot's team partial shows it (`is_member`: the caller belongs to it). */
export const teamResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  allow_auto_assign: z.boolean(),
  account_id: z.number().int(),
  is_member: z.boolean(),
});
