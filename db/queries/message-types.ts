import type { EmailDelivery, Message } from "../schema";

export type MessageSender = {
  id: number;
  type: "contact" | "user" | "agent_bot";
  name: string;
  email: string | null;
  thumbnail: string | null;
};

/**
 * How an outgoing reply goes out by email (its email_deliveries row), as the thread shows it: kept
 * in the local outbox, retrying with the reason and the next attempt, sent or failed.
 */
export type MessageDelivery = {
  id: number;
  status: EmailDelivery["status"];
  /** smtp, outbox (kept locally: the inbox has no outgoing mail server), graph or mailgun. */
  transport: string;
  attempts: number;
  /** Why the last attempt failed, in words. */
  lastError: string | null;
  /** When a temporary failure is retried; null while not waiting for a retry. */
  nextAttemptAt: Date | null;
};

export type MessageDetails = {
  id: number;
  accountId: number;
  inboxId: number;
  conversationId: number;
  /** The conversation's per-account number, used in URLs and in the API. */
  conversationDisplayId: number;
  messageType: Message["messageType"];
  content: string | null;
  /** An agent's formatted reply or note, sanitized when stored; `content` is its plain text. */
  contentHtml: string | null;
  contentType: Message["contentType"];
  contentAttributes: Record<string, unknown>;
  private: boolean;
  status: Message["status"];
  sourceId: string | null;
  senderType: Message["senderType"];
  senderId: number | null;
  sender: MessageSender | null;
  createdAt: Date;
  updatedAt: Date;
  /** The email send of an outgoing reply in an email inbox; null for every other message. */
  delivery: MessageDelivery | null;
};
