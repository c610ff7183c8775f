import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { conversations } from "@/db/schema";
import type { AfterCommit } from "@/db/transaction";
import { isPusherConfigured } from "@/lib/env";
import { inboxChannel } from "@/lib/realtime/channels";
import { publishEvents, realtimeEvent } from "@/lib/realtime/publish";

/**
 * A contact blocked or unblocked (the contact page, the API, a header's Mute / Unmute): every
 * conversation of theirs is muted or unmuted with it, so `contact.blocked_changed` goes to the
 * channel of each inbox where they have one, and open conversation headers patch their "Muted"
 * mark from it (components/conversations/muted-indicator.tsx) without a render. One event per
 * inbox, however many conversations: the headers match on the contact id. The inboxes are read
 * after the commit (conversations_contact_idx), only when live refresh is on.
 */
export function emitContactBlockedChanged(afterCommit: AfterCommit, contact: { accountId: number; id: number; blocked: boolean; updatedAt: Date }): void {
  afterCommit(async () => {
    if (!isPusherConfigured()) return;
    const rows = await getDb()
      .selectDistinct({ inboxId: conversations.inboxId })
      .from(conversations)
      .where(and(eq(conversations.accountId, contact.accountId), eq(conversations.contactId, contact.id)));
    if (rows.length === 0) return;
    const payload = { accountId: contact.accountId, contactId: contact.id, blocked: contact.blocked, version: contact.updatedAt.getTime() };
    await publishEvents([realtimeEvent("contact.blocked_changed", rows.map((r) => inboxChannel(contact.accountId, r.inboxId)), payload)]);
  });
}
