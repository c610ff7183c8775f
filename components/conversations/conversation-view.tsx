import Link from "next/link";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import type { ReplyRecipients } from "@/lib/email/compose/reply-recipients";
import type { AppContextData, FramedApp } from "@/lib/dashboard-apps/app-context";
import { Composer } from "./composer";
import { DashboardAppTabs } from "./dashboard-app-tabs";
import { ConversationHeader } from "./conversation-header";
import { ScrollAnchor } from "./scroll-anchor";
import { ContactPanel } from "./contact-panel";
import { AttributesPanel } from "@/components/custom-attributes/attributes-panel";
import { MoveConversation } from "@/components/contacts/move-conversation";
import { ContactMoveWatcher } from "@/components/contacts/contact-move-watcher";
import { Thread } from "./thread";

/** One conversation: header with status and assignee (patched live), the thread, the composer, the contact. */
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
  dashboardApps,
  attachmentMaxBytes,
  signature,
}: {
  accountId: number;
  conversation: ConversationSummary;
  messages: MessageDetails[];
  /** The shown messages' attachments by message id, loaded once for the thread. */
  attachments: ReadonlyMap<number, AttachmentInfo[]>;
  /** The origin the agent's browser uses, for inline images in emails. */
  baseUrl?: string;
  members: { id: number; name: string; inboxMember?: boolean }[];
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
  /** The account's dashboard apps (a tab each) and what they are told; absent when it has none. */
  dashboardApps?: { apps: FramedApp[]; context: AppContextData };
  /** The largest file the composer lets an agent attach (ATTACHMENT_UPLOAD_MAX_BYTES). */
  attachmentMaxBytes?: number;
  /** The agent's own signature when they sign email replies, previewed in the composer. */
  signature?: string | null;
}) {
  const contactName = conversation.contact.name || conversation.contact.email || `Contact #${conversation.contact.id}`;
  const messagesAndComposer = (
    <>
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
      <Composer key={conversation.displayId} accountId={accountId} inboxId={conversation.inboxId} displayId={conversation.displayId} recipients={recipients} members={members} attachmentMaxBytes={attachmentMaxBytes} signature={signature} />
    </>
  );
  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <section aria-labelledby="conversation-heading" className="flex min-h-0 min-w-0 flex-1 flex-col bg-slate-50">
        <ConversationHeader
          key={conversation.id}
          accountId={accountId}
          // The header never shows attributes (email headers can be large) nor the last message and
          // preview (a whole message's text): left out of the page's payload. Live rows replace it whole.
          conversation={{ ...conversation, additionalAttributes: {}, customAttributes: {}, lastMessage: null, preview: null }}
          members={members}
          backHref={backHref}
          isListRowUnread={isListRowUnread}
        />
        {dashboardApps ? (
          <DashboardAppTabs accountId={accountId} displayId={conversation.displayId} apps={dashboardApps.apps} initialContext={dashboardApps.context}>
            {messagesAndComposer}
          </DashboardAppTabs>
        ) : (
          messagesAndComposer
        )}
      </section>
      <ContactPanel accountId={accountId} conversation={conversation} previous={previous}>
        <AttributesPanel key={conversation.displayId} displayId={conversation.displayId} customAttributes={conversation.customAttributes} />
        <MoveConversation key={`move-${conversation.displayId}`} accountId={accountId} displayId={conversation.displayId} contactId={conversation.contact.id} />
        <ContactMoveWatcher accountId={accountId} kind="conversation" conversationId={conversation.id} contactId={conversation.contact.id} />
      </ContactPanel>
    </div>
  );
}
