import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import type { ReplyRecipients } from "@/lib/email/compose/reply-recipients";
import { StatusBadge } from "@/components/ui/badge";
import { DATE_TIME } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";
import { PresenceAvatar } from "@/components/realtime/use-presence";
import { AssigneePicker } from "./assignee-picker";
import { Composer } from "./composer";
import { MarkReadOnView } from "./mark-read-on-view";
import { ScrollAnchor } from "./scroll-anchor";
import { ContactPanel } from "./contact-panel";
import { StatusActions } from "./status-actions";
import { Thread } from "./thread";

/** One conversation: header with status and assignee, the thread, the composer, the contact. */
export function ConversationView({
  accountId,
  conversation,
  messages,
  attachments,
  baseUrl,
  members,
  previous,
  backHref,
  earlierHref,
  latestHref,
  recipients,
  isListRowUnread = false,
}: {
  accountId: number;
  conversation: ConversationSummary;
  messages: MessageDetails[];
  /** The shown messages' attachments by message id, loaded once for the thread. */
  attachments: ReadonlyMap<number, AttachmentInfo[]>;
  /** The origin the agent's browser uses, for inline images in emails. */
  baseUrl?: string;
  members: { id: number; name: string }[];
  previous: ConversationSummary[];
  backHref: string;
  /** Set when older messages exist. */
  earlierHref?: string;
  /** Set when showing an older page of the thread. */
  latestHref?: string;
  /** An email conversation's reply recipients (To / Reply all), for the composer. */
  recipients?: ReplyRecipients | null;
  /** The list beside it still shows this conversation unread (it was read before the thread). */
  isListRowUnread?: boolean;
}) {
  const contactName = conversation.contact.name || conversation.contact.email || `Contact #${conversation.contact.id}`;
  const isUnread = conversation.unreadCount > 0 || conversation.agentLastSeenAt === null || isListRowUnread;
  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <MarkReadOnView
        accountId={accountId}
        displayId={conversation.displayId}
        unreadKey={isUnread ? `${conversation.displayId}:${conversation.unreadCount}:${conversation.lastActivityAt.getTime()}:${isListRowUnread}` : null}
      />
      <section aria-labelledby="conversation-heading" className="flex min-h-0 min-w-0 flex-1 flex-col bg-slate-50">
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
              </div>
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
          <div className="flex items-start gap-3">
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
              />
            </div>
            <div className="pt-5">
              <StatusActions key={conversation.status} accountId={accountId} displayId={conversation.displayId} status={conversation.status} />
            </div>
          </div>
        </header>
        <section aria-label="Messages" className="min-h-0 flex-1 overflow-y-auto">
          {earlierHref || latestHref ? (
            <div className="flex justify-center gap-4 pt-3 text-xs">
              {earlierHref ? (
                <Link href={earlierHref} className="font-medium text-brand-600 hover:underline">
                  Load earlier messages
                </Link>
              ) : null}
              {latestHref ? (
                <Link href={latestHref} className="font-medium text-brand-600 hover:underline">
                  Back to latest
                </Link>
              ) : null}
            </div>
          ) : null}
          <Thread messages={messages} attachments={attachments} baseUrl={baseUrl} contactName={contactName} live={latestHref ? undefined : { accountId, displayId: conversation.displayId }} />
          {latestHref ? null : <ScrollAnchor version={`${conversation.displayId}:${messages.at(-1)?.id ?? 0}`} />}
        </section>
        <Composer key={conversation.displayId} accountId={accountId} inboxId={conversation.inboxId} displayId={conversation.displayId} recipients={recipients} members={members} />
      </section>
      <ContactPanel accountId={accountId} conversation={conversation} previous={previous} />
    </div>
  );
}
