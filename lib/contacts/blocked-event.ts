import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { conversations } from "@/db/schema";
import type { AfterCommit } from "@/db/transaction";
import { isPusherConfigured } from "@/lib/env";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import { hasNarrowedMembers, narrowedViewers } from "@/lib/realtime/narrowed-audience";
import { publishEvents, realtimeEvent } from "@/lib/realtime/publish";

/** The contact's newest conversations whose narrowed viewers are told (each costs one query). */
const NARROWED_CONVERSATIONS_MAX = 25;

/**
 * A contact blocked or unblocked (the contact page, the API, a header's Mute / Unmute): every
 * conversation of theirs is muted or unmuted with it, so `contact.blocked_changed` goes to the
 * channel of each inbox where they have one, and open conversation headers patch their "Muted"
 * mark from it (components/conversations/muted-indicator.tsx) without a render. One event per
 * inbox, however many conversations: the headers match on the contact id. Members whose custom
 * role narrows what they see get it on their member channel when they may see one of the
 * contact's newest conversations (no query for accounts without them). Read after the commit
 * (conversations_contact_idx), only when live refresh is on.
 */
export function emitContactBlockedChanged(afterCommit: AfterCommit, contact: { accountId: number; id: number; blocked: boolean; updatedAt: Date }): void {
  afterCommit(async () => {
    if (!isPusherConfigured()) return;
    const { accountId } = contact;
    const theirs = and(eq(conversations.accountId, accountId), eq(conversations.contactId, contact.id));
    const inboxes = await getDb().selectDistinct({ inboxId: conversations.inboxId }).from(conversations).where(theirs);
    if (inboxes.length === 0) return;
    const viewers = new Set<number>();
    if (await hasNarrowedMembers(accountId)) {
      const newest = await getDb().select({ id: conversations.id }).from(conversations).where(theirs).orderBy(desc(conversations.id)).limit(NARROWED_CONVERSATIONS_MAX);
      for (const c of newest) for (const userId of await narrowedViewers(accountId, c.id)) viewers.add(userId);
    }
    const channels = [...inboxes.map((r) => inboxChannel(accountId, r.inboxId)), ...[...viewers].map((userId) => memberChannel(accountId, userId))];
    const payload = { accountId, contactId: contact.id, blocked: contact.blocked, version: contact.updatedAt.getTime() };
    await publishEvents([realtimeEvent("contact.blocked_changed", channels, payload)]);
  });
}
