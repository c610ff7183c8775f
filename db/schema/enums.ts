import { pgEnum } from "drizzle-orm/pg-core";

export const accountRole = pgEnum("account_role", ["administrator", "agent"]);
export const availability = pgEnum("availability", ["online", "busy", "offline"]);
export const channelType = pgEnum("channel_type", ["api", "email"]);
export const conversationStatus = pgEnum("conversation_status", ["open", "pending", "resolved", "snoozed"]);
export const conversationPriority = pgEnum("conversation_priority", ["urgent", "high", "medium", "low"]);
export const messageType = pgEnum("message_type", ["incoming", "outgoing", "activity", "template"]);
// Chatwoot's content types; email issues add their own values through later migrations.
export const contentType = pgEnum("content_type", [
  "text",
  "input_text",
  "input_textarea",
  "input_email",
  "input_select",
  "cards",
  "form",
  "article",
  "incoming_email",
  "input_csat",
]);
// `sending` is ours: a message waiting for its transport's answer (see docs/email.md, Sending).
export const messageStatus = pgEnum("message_status", ["sending", "sent", "delivered", "read", "failed"]);
export const senderType = pgEnum("sender_type", ["contact", "user", "agent_bot"]);
export const fileType = pgEnum("file_type", ["image", "audio", "video", "file", "location", "fallback"]);
