import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBots, messages, users } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";

/**
 * Activity lines ("Alice resolved the conversation") are messages of type `activity` with no
 * sender, written in the same transaction as the change they describe. They do not move
 * last_activity_at: the list is ordered by conversation with the customer, not by bookkeeping.
 */
export async function insertActivityMessage(
  tx: DbOrTx,
  conversation: { accountId: number; inboxId: number; id: number },
  content: string,
): Promise<void> {
  await tx.insert(messages).values(activityMessageRow(conversation, content));
}

/** The row of an activity line (shared with the email import's batch writes). */
export function activityMessageRow(conversation: { accountId: number; inboxId: number; id: number }, content: string): typeof messages.$inferInsert {
  return { accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId: conversation.id, messageType: "activity", content };
}

/** The acting user's (or agent bot's) name for activity lines; null for the system. */
export async function actorName(db: DbOrTx, access: AccountAccess): Promise<string | null> {
  if (access.agentBotId !== undefined) {
    const [bot] = await db.select({ name: agentBots.name }).from(agentBots).where(eq(agentBots.id, access.agentBotId)).limit(1);
    return bot?.name ?? null;
  }
  if (access.userId === null) return null;
  return userName(db, access.userId);
}

export async function userName(db: DbOrTx, userId: number): Promise<string | null> {
  const [row] = await db.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? row.displayName || row.name : null;
}
