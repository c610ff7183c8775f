"use client";

import type { ConversationPayload } from "@/lib/realtime/payloads";
import { useLive, useLiveEvents } from "@/components/realtime/live-refresh";

const ROW_EVENTS = new Set(["conversation.created", "conversation.updated", "conversation.status_changed", "assignee.changed"]);

/**
 * Keeps contact panels and pages right when a conversation moves to another contact (by another
 * agent, or through the API). What such a screen shows — the contact's details, notes, attributes,
 * their other conversations — is not in the event, so the screen is re-rendered once, and only for
 * an event that changes which contact a shown conversation belongs to:
 * - `conversation`: the open conversation now belongs to another contact than the panel shows;
 * - `contact`: a contact's page gains a conversation, or loses one it lists.
 * Every other event is left to the patches that handle it.
 */
export function ContactMoveWatcher(
  props:
    | { accountId: number; kind: "conversation"; conversationId: number; contactId: number }
    /** `capped`: the page lists only the newest of the contact's conversations; one it does not list may be older. */
    | { accountId: number; kind: "contact"; contactId: number; conversationIds: number[]; capped: boolean },
) {
  const refresh = useLive()?.refresh;
  useLiveEvents((name, data) => {
    if (!ROW_EVENTS.has(name) || !refresh) return;
    const p = data as ConversationPayload;
    if (p.accountId !== props.accountId || !p.conversation?.contact) return;
    const { id, contact } = p.conversation;
    let moved: boolean;
    if (props.kind === "conversation") moved = id === props.conversationId && contact.id !== props.contactId;
    else {
      const listed = props.conversationIds.includes(id);
      const theirs = contact.id === props.contactId;
      moved = (listed && !theirs) || (!listed && theirs && (!props.capped || name === "conversation.created"));
    }
    if (moved) refresh();
  });
  return null;
}
