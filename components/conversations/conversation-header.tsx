"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { ConversationPayload, ConversationReadPayload } from "@/lib/realtime/payloads";
import { StatusBadge } from "@/components/ui/badge";
import { DATE_TIME } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";
import { PresenceAvatar } from "@/components/realtime/use-presence";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { AssigneePicker } from "./assignee-picker";
import { applyConversationEvent, applyConversationRead, NO_CONVERSATION_PATCH, patchedConversation } from "./conversation-patch";
import { summaryFromWire } from "./from-wire";
import { MarkReadOnView } from "./mark-read-on-view";
import { MutedIndicator } from "./muted-indicator";
import { StatusActions } from "./status-actions";
import { MacrosMenu } from "@/components/automation/macros-menu";
import { ConversationTags } from "@/components/labels/conversation-tags";
import { SlaBadge } from "@/components/sla/sla-badge";
import { SlaPicker } from "@/components/sla/sla-picker";

const ROW_EVENTS = new Set(["conversation.created", "conversation.updated", "conversation.status_changed", "assignee.changed"]);

/**
 * The open conversation's header — contact, status, snooze time, assignee, status actions — and
 * its mark-read: rendered by the server, then patched by live events about this conversation
 * (the payload is the whole row), so a teammate's assignment or status change shows without a
 * render, and a message that arrives while it is open is marked read again.
 */
export function ConversationHeader({
  accountId,
  conversation: rendered,
  members,
  backHref,
  isListRowUnread,
}: {
  accountId: number;
  conversation: ConversationSummary;
  members: { id: number; name: string; inboxMember?: boolean }[];
  backHref: string;
  isListRowUnread: boolean;
}) {
  const [patch, setPatch] = useState(NO_CONVERSATION_PATCH);
  useLiveEvents((name, data) => {
    if (ROW_EVENTS.has(name)) {
      const p = data as ConversationPayload;
      if (p.accountId !== accountId || p.conversation?.id !== rendered.id) return;
      setPatch((current) => applyConversationEvent(current, summaryFromWire(p.conversation), p.version));
    } else if (name === "conversation.read") {
      const p = data as ConversationReadPayload;
      if (p.accountId !== accountId || p.conversationId !== rendered.id) return;
      setPatch((current) => applyConversationRead(current, Date.parse(p.agentLastSeenAt), p.version));
    }
  });
  // On a phone the assignee, status actions and tags fold behind one button, so the thread keeps
  // at least half the screen; from md up they are always shown.
  const [actionsOpen, setActionsOpen] = useState(false);
  const conversation = patchedConversation(rendered, patch);
  const contactName = conversation.contact.name || conversation.contact.email || `Contact #${conversation.contact.id}`;
  const isUnread = conversation.unreadCount > 0 || conversation.agentLastSeenAt === null || isListRowUnread;
  return (
    <>
      <MarkReadOnView
        accountId={accountId}
        displayId={conversation.displayId}
        unreadKey={isUnread ? `${conversation.displayId}:${conversation.unreadCount}:${conversation.lastActivityAt.getTime()}:${isListRowUnread}` : null}
      />
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 bg-white px-5 py-3">
        <div className="flex min-w-0 items-start gap-2">
          <Link href={backHref} className="mt-0.5 rounded p-1 text-slate-500 hover:bg-slate-100 md:hidden" aria-label="Back to conversations">
            <ArrowLeft className="size-4" aria-hidden="true" />
          </Link>
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <h2 id="conversation-heading" className="truncate text-base font-semibold text-slate-900">
                {contactName}
              </h2>
              <span aria-label="Conversation status">
                <StatusBadge status={conversation.status} />
              </span>
              <SlaBadge c={conversation} className="text-xs" />
              <MutedIndicator accountId={accountId} displayId={conversation.displayId} contactId={conversation.contact.id} muted={conversation.contact.blocked === true} />
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 md:hidden"
                aria-expanded={actionsOpen}
                aria-controls="conversation-actions"
                onClick={() => setActionsOpen((open) => !open)}
              >
                {actionsOpen ? "Hide actions" : "Actions"}
              </button>
            </div>
            {conversation.subject ? (
              <p className="mt-0.5 truncate text-sm text-slate-700" title={conversation.subject} data-testid="conversation-subject">
                {conversation.subject}
              </p>
            ) : null}
            <p className="mt-0.5 truncate text-xs text-slate-500">
              #{conversation.displayId} · {conversation.inbox.name}
              <Link href={`/app/accounts/${accountId}/contacts/${conversation.contact.id}`} className="ml-1 text-brand-600 hover:underline xl:hidden">
                · Contact details
              </Link>
              {conversation.status === "snoozed" && conversation.snoozedUntil ? (
                <>
                  {" · Snoozed until "}
                  <LocalTime date={conversation.snoozedUntil} pattern={DATE_TIME} />
                </>
              ) : null}
            </p>
          </div>
        </div>
        <div id="conversation-actions" className={`${actionsOpen ? "flex" : "hidden"} flex-wrap items-start gap-3 md:flex`}>
          {conversation.assignee ? (
            <PresenceAvatar
              userId={conversation.assignee.id}
              name={conversation.assignee.displayName || conversation.assignee.name}
              availability={conversation.assignee.availability ?? "offline"}
              className="mt-5"
            />
          ) : null}
          <div className="w-44">
            <AssigneePicker
              key={conversation.assignee?.id ?? "none"}
              accountId={accountId}
              displayId={conversation.displayId}
              assigneeId={conversation.assignee?.id ?? null}
              members={members}
              inboxSettingsHref={`/app/accounts/${accountId}/settings/inboxes/${conversation.inboxId}`}
            />
          </div>
          <div className="pt-5">
            <StatusActions key={conversation.status} accountId={accountId} displayId={conversation.displayId} status={conversation.status} />
          </div>
          <div className="pt-5">
            <MacrosMenu accountId={accountId} displayIds={[conversation.displayId]} />
          </div>
          <div className="pt-5">
            <SlaPicker accountId={accountId} displayId={conversation.displayId} current={conversation.sla ? { id: conversation.sla.policyId, name: conversation.sla.name } : null} />
          </div>
        </div>
        <div className={`${actionsOpen ? "block" : "hidden"} w-full md:block`}>
          <ConversationTags accountId={accountId} conversation={conversation} />
        </div>
      </header>
    </>
  );
}
