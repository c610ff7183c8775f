import { z } from "zod";
import { defineEndpoint, idParam } from "../endpoint";

/**
 * The Client API (Chatwoot's public API of API inboxes): no api_access_token; the inbox
 * identifier names the inbox and the contact's source_id (contact_identifier) is its credential.
 * Bodies are JSON or forms (multipart with attachments), as Chatwoot's clients send them.
 */
const BASE = "/public/api/v1/inboxes/{inbox_identifier}";
const TAG = "Client API";
const text = z.string().max(255);

export const clientInboxParams = z.object({ inbox_identifier: z.string().min(1).max(100) });
export const clientContactParams = clientInboxParams.extend({ contact_identifier: z.string().min(1).max(255) });
export const clientConversationParams = clientContactParams.extend({ conversation_id: idParam });
export const clientMessageParams = clientConversationParams.extend({ message_id: idParam });
export const clientAttachmentParams = clientMessageParams.extend({ attachment_id: idParam });

const contactBody = z.object({
  identifier: text.optional(),
  identifier_hash: z.string().max(200).optional(),
  email: text.optional(),
  name: text.optional(),
  phone_number: z.string().max(50).optional(),
  avatar_url: z.string().max(2000).optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
});

export const clientInboxEndpoint = defineEndpoint({
  method: "GET",
  path: BASE,
  summary: "The API inbox's public details",
  tag: TAG,
  auth: false,
  params: clientInboxParams,
  responds: "public_inbox",
});

export const createClientContactEndpoint = defineEndpoint({
  method: "POST",
  path: `${BASE}/contacts`,
  summary: "Create a contact (its source_id and pubsub_token are its credentials); identifier_hash = HMAC-SHA256(hmac token, identifier)",
  tag: TAG,
  auth: false,
  params: clientInboxParams,
  body: contactBody.extend({ source_id: text.optional() }),
  responds: "public_contact",
});

export const getClientContactEndpoint = defineEndpoint({
  method: "GET",
  path: `${BASE}/contacts/{contact_identifier}`,
  summary: "The contact of this source_id",
  tag: TAG,
  auth: false,
  params: clientContactParams,
  query: z.object({ identifier: text.optional(), identifier_hash: z.string().max(200).optional() }),
  responds: "public_contact",
});

export const updateClientContactEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${BASE}/contacts/{contact_identifier}`,
  summary: "Update the contact (an identifier only with its identifier_hash)",
  tag: TAG,
  auth: false,
  params: clientContactParams,
  body: contactBody,
  responds: "public_contact_record",
});

export const listClientConversationsEndpoint = defineEndpoint({
  method: "GET",
  path: `${BASE}/contacts/{contact_identifier}/conversations`,
  summary: "The contact's conversations with their public messages",
  tag: TAG,
  auth: false,
  params: clientContactParams,
  responds: "public_conversation[]",
});

export const createClientConversationEndpoint = defineEndpoint({
  method: "POST",
  path: `${BASE}/contacts/{contact_identifier}/conversations`,
  summary: "Start a conversation",
  tag: TAG,
  auth: false,
  params: clientContactParams,
  body: z.object({ custom_attributes: z.record(z.string(), z.unknown()).optional() }),
  responds: "public_conversation",
});

export const getClientConversationEndpoint = defineEndpoint({
  method: "GET",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}`,
  summary: "One of the contact's conversations",
  tag: TAG,
  auth: false,
  params: clientConversationParams,
  responds: "public_conversation",
});

export const resolveClientConversationEndpoint = defineEndpoint({
  method: "POST",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_status`,
  summary: "Resolve the conversation",
  tag: TAG,
  auth: false,
  params: clientConversationParams,
  responds: "public_conversation",
});

export const toggleClientTypingEndpoint = defineEndpoint({
  method: "POST",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_typing`,
  summary: "The contact started (on) or stopped (off) typing",
  tag: TAG,
  auth: false,
  params: clientConversationParams,
  query: z.object({ typing_status: z.enum(["on", "off"]).optional() }),
  body: z.object({ typing_status: z.enum(["on", "off"]).optional() }),
  responds: "empty",
});

export const updateClientLastSeenEndpoint = defineEndpoint({
  method: "POST",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/update_last_seen`,
  summary: "The contact has read the conversation",
  tag: TAG,
  auth: false,
  params: clientConversationParams,
  responds: "empty",
});

export const listClientMessagesEndpoint = defineEndpoint({
  method: "GET",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/messages`,
  summary: "Public messages, 20 at a time (before: a message id)",
  tag: TAG,
  auth: false,
  params: clientConversationParams,
  query: z.object({ before: z.coerce.number().int().positive().optional() }),
  responds: "public_message[]",
});

export const createClientMessageEndpoint = defineEndpoint({
  method: "POST",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/messages`,
  summary: "Send a message as the contact (JSON, or multipart with attachments[])",
  tag: TAG,
  auth: false,
  params: clientConversationParams,
  body: z.object({
    content: z.string().optional(),
    echo_id: z.string().max(255).optional(),
    attachments: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.instanceof(File)).optional()),
  }),
  responds: "public_message",
});

export const updateClientMessageEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/messages/{message_id}`,
  summary: "Answer a form or input message (submitted_values)",
  tag: TAG,
  auth: false,
  params: clientMessageParams,
  body: z.object({ submitted_values: z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]) }),
  responds: "public_message",
});

export const getClientAttachmentEndpoint = defineEndpoint({
  method: "GET",
  path: `${BASE}/contacts/{contact_identifier}/conversations/{conversation_id}/messages/{message_id}/attachments/{attachment_id}`,
  summary: "An attachment's file (the data_url of a public message's attachment)",
  tag: TAG,
  auth: false,
  params: clientAttachmentParams,
  responds: "file",
});
