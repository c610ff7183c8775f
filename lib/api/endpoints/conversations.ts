import { z } from "zod";
import { MAX_MESSAGE_ATTACHMENTS } from "@/lib/messages/attachments";
import { formBoolean } from "./help-center-fields";
import { agentResponse, conversationCountsResponse, conversationListResponse, conversationResponse, messageListResponse, messageResponse, teamResponse, toggleStatusResponse } from "../responses";
import { MAX_CONVERSATION_PAGE } from "@/lib/conversations/list-conversations";
import { SORT_KEYS } from "@/lib/conversations/filter/sort";
import { CONVERSATION_TYPES } from "@/lib/conversations/mentions-filter";
import { accountParams, defineEndpoint, idParam, queryBoolean } from "../endpoint";

export const conversationParams = accountParams.extend({ conversation_id: idParam });
const status = z.enum(["open", "resolved", "pending", "snoozed"]);
const priority = z.enum(["urgent", "high", "medium", "low", "none"]);

const countsQuery = z.object({
  status: z.enum(["open", "resolved", "pending", "snoozed", "all"]).default("open"),
  assignee_type: z.enum(["me", "unassigned", "all", "assigned"]).default("all"),
  inbox_id: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(MAX_CONVERSATION_PAGE).default(1),
});
// A parameter the list does not know is refused (422), never ignored: a client asking for a
// filter must not get the unfiltered list back.
const listQuery = countsQuery
  .extend({
    q: z.string().trim().min(1).max(200).optional(),
    sort_by: z.enum(SORT_KEYS).optional(),
    team_id: z.coerce.number().int().positive().optional(),
    // Any of these labels (titles): labels[]=a&labels[]=b, labels=a&labels=b, or labels=a,b.
    labels: z
      .union([z.string().max(2000), z.array(z.string().max(255)).max(20)])
      .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((t) => t.trim()).filter(Boolean))
      .optional(),
    conversation_type: z.enum(CONVERSATION_TYPES).optional().describe("mention: where the caller was @mentioned; participating: which they follow"),
  })
  .strict();

export const listConversationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/conversations",
  summary: `List conversations, 25 per page, newest activity first or by sort_by (page at most ${MAX_CONVERSATION_PAGE}); q: message text (any status); unknown parameters are refused`,
  tag: "Conversations",
  params: accountParams,
  query: listQuery,
  responds: "{ data: { meta: { mine_count, unassigned_count, assigned_count, all_count }, payload: conversation[] } }",
  response: conversationListResponse,
});

export const conversationCountsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/conversations/meta",
  summary: "Tab counts for the conversation list",
  tag: "Conversations",
  params: accountParams,
  query: countsQuery.omit({ page: true, assignee_type: true }),
  responds: "{ meta: { mine_count, unassigned_count, assigned_count, all_count } }",
  response: conversationCountsResponse,
});

export const createConversationEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations",
  summary: "Create a conversation for a contact (contact_id and/or source_id) in an inbox",
  tag: "Conversations",
  params: accountParams,
  body: z.object({
    inbox_id: z.coerce.number().int().positive(),
    source_id: z.string().optional(),
    contact_id: z.coerce.number().int().positive().optional(),
    status: status.optional(),
    assignee_id: z.number().int().positive().nullable().optional(),
    snoozed_until: z.union([z.number(), z.string()]).nullable().optional(),
    additional_attributes: z.record(z.string(), z.unknown()).optional(),
    custom_attributes: z.record(z.string(), z.unknown()).optional(),
    message: z
      .object({
        content: z.string(),
        message_type: z.enum(["incoming", "outgoing"]).optional(),
        private: z.boolean().optional(),
      })
      .optional(),
  }),
  responds: "conversation",
  response: conversationResponse,
});

export const getConversationEndpoint = defineEndpoint({
  allowBots: true,
  method: "GET",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}",
  summary: "Conversation details (conversation_id is the display id)",
  tag: "Conversations",
  params: conversationParams,
  responds: "conversation",
  response: conversationResponse,
});

export const updateConversationEndpoint = defineEndpoint({
  allowBots: true,
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}",
  summary: "Update a conversation's priority and/or its SLA policy (sla_policy_id; null removes it)",
  tag: "Conversations",
  params: conversationParams,
  body: z.object({
    priority: priority.nullable().optional(),
    sla_policy_id: z.preprocess((v) => (v === "" || v === "nil" ? null : v), z.coerce.number().int().positive().nullable().optional()),
  }),
  responds: "conversation",
  response: conversationResponse,
});

export const toggleStatusEndpoint = defineEndpoint({
  allowBots: true,
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status",
  summary: "Change the status; without status, toggles open/resolved. snoozed_until is accepted as Unix seconds or ISO 8601 and answered as ISO 8601",
  tag: "Conversations",
  params: conversationParams,
  body: z.object({ status: status.optional(), snoozed_until: z.union([z.number(), z.string()]).nullable().optional() }),
  responds: "{ meta: {}, payload: { success, current_status, conversation_id, snoozed_until } }",
  response: toggleStatusResponse,
});

export const togglePriorityEndpoint = defineEndpoint({
  allowBots: true,
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_priority",
  summary: "Set the priority (none clears it)",
  tag: "Conversations",
  params: conversationParams,
  body: z.object({ priority }),
  responds: "empty",
});

export const muteEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/mute",
  summary: "Mute: resolve the conversation and block its contact (their messages reopen nothing until unmuted)",
  tag: "Conversations",
  params: conversationParams,
  responds: "empty",
});

export const unmuteEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/unmute",
  summary: "Unmute: unblock the conversation's contact",
  tag: "Conversations",
  params: conversationParams,
  responds: "empty",
});

export const toggleTypingEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_typing_status",
  summary: "Tell an API inbox's contact that you are typing (on) or stopped (off); is_private: a note, the contact hears nothing",
  tag: "Conversations",
  params: conversationParams,
  body: z.object({ typing_status: z.enum(["on", "off"]), is_private: z.boolean().optional() }),
  responds: "empty",
});

export const assignConversationEndpoint = defineEndpoint({
  allowBots: true,
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments",
  summary:
    "Assign to a member of the conversation's inbox (assignee_id; null unassigns) and/or to a team (team_id; null removes it). A body with only team_id never changes the agent; an empty body changes nothing",
  tag: "Conversations",
  params: conversationParams,
  body: z.object({
    assignee_id: z.coerce.number().int().positive().nullable().optional(),
    team_id: z.coerce.number().int().positive().nullable().optional(),
  }),
  responds: "agent, or the team when only team_id was sent, or null",
  response: z.union([agentResponse, teamResponse]).nullable(),
});

export const updateLastSeenEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/update_last_seen",
  summary: "Mark the conversation as read by the caller",
  tag: "Conversations",
  params: conversationParams,
  responds: "empty",
});

export const listMessagesEndpoint = defineEndpoint({
  allowBots: true,
  method: "GET",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages",
  summary:
    "Messages, oldest first: the newest 20, or the 20 before `before`; the oldest 100 after `after`; " +
    "with both, from `after` (included) to `before`, up to 1000. filter_internal_messages=true leaves out notes and activity. " +
    "Unknown parameters are refused (422)",
  tag: "Messages",
  params: conversationParams,
  query: z
    .object({
      before: z.coerce.number().int().positive().optional(),
      after: z.coerce.number().int().positive().optional(),
      filter_internal_messages: queryBoolean.optional(),
    })
    .strict(),
  responds: "{ meta: { labels, additional_attributes, contact, assignee, agent_last_seen_at, assignee_last_seen_at }, payload: message[] }",
  response: messageListResponse,
});

/** A JSON object sent as a form field's text (Chatwoot's dashboard does so for content_attributes). */
const jsonText = (v: unknown): unknown => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export const createMessageEndpoint = defineEndpoint({
  allowBots: true,
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages",
  summary: "Add a message: outgoing (reply), incoming (from the contact) or a private note; JSON, or multipart/form-data with attachments[] files",
  tag: "Messages",
  params: conversationParams,
  body: z.object({
    // A message with attachments may have no text.
    content: z.string().default(""),
    message_type: z.enum(["outgoing", "incoming"]).optional(),
    // Forms carry every value as a string: "true"/"false", and content_attributes as JSON text.
    private: formBoolean.optional(),
    content_type: z.enum(["text", "input_email", "cards", "input_select", "form", "article"]).optional(),
    content_attributes: z.preprocess(jsonText, z.record(z.string(), z.unknown())).optional(),
    // Postdesk's: "markdown" renders `content` as Chatwoot does its agents' messages, "html" is
    // sanitized; without it `content` is plain text, sent exactly as given (docs/composer.md).
    content_format: z.enum(["text", "markdown", "html"]).optional(),
    source_id: z.string().optional(),
    attachments: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.instanceof(File)).max(MAX_MESSAGE_ATTACHMENTS)).optional(),
  }),
  responds: "message",
  response: messageResponse,
});

export const moveToContactEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/move_to_contact",
  summary:
    "Give the conversation to another contact of the account (Postdesk's own path: Chatwoot has none): the conversation and an address in its inbox " +
    "become the contact's, messages keep their senders, an activity line records it; conversation_updated webhook with changed contact_id",
  tag: "Conversations",
  params: conversationParams,
  body: z.object({ contact_id: z.coerce.number().int().positive() }),
  responds: "conversation",
  response: conversationResponse,
});
