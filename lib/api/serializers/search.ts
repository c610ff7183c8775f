import type { ConversationSearchHit } from "@/lib/search/search-conversations";
import { serializeConversation } from "./conversation";
import { unix } from "./time";

const messageTypeNumber = { incoming: 0, outgoing: 1 } as const;

/** A search result: the conversation as everywhere, with `messages` holding the message that matched (Chatwoot's search does the same). */
export function serializeSearchHit(hit: ConversationSearchHit) {
  const conversation = serializeConversation(hit);
  const m = hit.match;
  if (!m) return conversation;
  return {
    ...conversation,
    messages: [
      {
        id: m.id,
        content: m.content,
        account_id: hit.accountId,
        inbox_id: hit.inboxId,
        conversation_id: hit.displayId,
        message_type: messageTypeNumber[m.messageType],
        created_at: unix(m.createdAt),
        private: m.private,
        sender_type: m.senderType === "contact" ? ("Contact" as const) : m.senderType === "user" ? ("User" as const) : null,
        sender_id: m.senderId,
      },
    ],
  };
}
