import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations, messages } from "@/db/schema";

/** The agent who last sent a public reply in the conversation (Chatwoot's `last_responding_agent`), or null. */
export async function lastRespondingAgent(db: DbOrTx, accountId: number, displayId: number): Promise<number | null> {
  const [row] = await db
    .select({ senderId: messages.senderId })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.displayId, displayId),
        eq(messages.messageType, "outgoing"),
        eq(messages.private, false),
        eq(messages.senderType, "user"),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.senderId ?? null;
}
