import type { Message } from "../schema";

export type MessageSender = {
  id: number;
  type: "contact" | "user" | "agent_bot";
  name: string;
  email: string | null;
  thumbnail: string | null;
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
};
