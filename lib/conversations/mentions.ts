import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { mentions } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";
import { actorName } from "@/lib/messages/activity";
import { createNotification } from "@/lib/notifications/create-notification";
import { deliveryChoices } from "@/lib/notifications/settings";
import { addFollowers, usersWhoCanSee } from "./participants";

// Chatwoot's mention markup in a private note: [@Name](mention://user/42/Name).
const MENTION = /mention:\/\/user\/(\d+)\//g;
// A note naming the whole team notifies at most this many.
const MAX_MENTIONS = 25;

/** The user ids a note mentions, in order, once each. */
export function mentionedUserIds(content: string): number[] {
  const ids = new Set<number>();
  for (const m of content.matchAll(MENTION)) {
    ids.add(Number(m[1]));
    if (ids.size >= MAX_MENTIONS) break;
  }
  return [...ids];
}

/**
 * A private note's @mentions, inside the note's transaction: each mentioned agent who can see the
 * conversation (never the author) gets it in their Mentions view, follows it, and is notified as
 * their settings say (bell and live in the app, and/or the email digest).
 */
export async function recordMentions(
  tx: Tx,
  afterCommit: AfterCommit,
  access: AccountAccess,
  conversation: { id: number; displayId: number; inboxId: number },
  content: string,
): Promise<number[]> {
  const wanted = mentionedUserIds(content).filter((id) => id !== access.userId);
  if (wanted.length === 0) return [];
  const { accountId } = access;
  const userIds = await usersWhoCanSee(tx, accountId, conversation.inboxId, wanted);
  if (userIds.length === 0) return [];
  await tx
    .insert(mentions)
    .values(userIds.map((userId) => ({ accountId, conversationId: conversation.id, userId })))
    .onConflictDoUpdate({ target: [mentions.accountId, mentions.conversationId, mentions.userId], set: { mentionedAt: sql`now()` } });
  await addFollowers(tx, accountId, conversation.id, userIds);
  const [who, choices] = await Promise.all([actorName(tx, access), deliveryChoices(tx, accountId, userIds, "conversation_mention")]);
  const body = content.replace(/\[@([^\]]*)\]\(mention:\/\/user\/\d+\/[^)]*\)/g, "@$1");
  for (const userId of userIds) {
    const choice = choices.get(userId);
    if (!choice?.inApp && !choice?.email) continue;
    await createNotification(tx, afterCommit, {
      accountId,
      userId,
      notificationType: "conversation_mention",
      conversation: { id: conversation.id, displayId: conversation.displayId },
      title: `${who ?? "Someone"} mentioned you in conversation #${conversation.displayId}`,
      body,
      emailPending: choice.email,
      silent: !choice.inApp,
    });
  }
  return userIds;
}
