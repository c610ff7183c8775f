import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import { MessageWithFiles } from "@/components/composer/message-files";
import { EmailMessageView } from "./email-message";
import { LiveThreadTail } from "./live-thread-tail";
import { Activity, Bubble } from "./message-item";
import { MessageText } from "@/components/composer/message-text";

/**
 * The conversation's messages, oldest first: the contact on the left, agents on the right. With
 * `live` (the newest page is shown), messages that arrive by live event are appended at once.
 * Incoming emails list their attachments from `attachments` (loaded once for the whole page by
 * the screen's loader); without it they show without the list.
 */
export function Thread({
  messages,
  attachments,
  baseUrl,
  contactName,
  live,
}: {
  messages: MessageDetails[];
  attachments?: ReadonlyMap<number, AttachmentInfo[]>;
  baseUrl?: string;
  contactName: string;
  live?: { accountId: number; displayId: number };
}) {
  if (messages.length === 0) {
    return <p className="px-4 py-10 text-center text-sm text-slate-500">No messages yet.</p>;
  }
  return (
    <ol className="space-y-4 py-4">
      {messages.map((m) =>
        m.messageType === "activity" ? (
          <Activity key={m.id} m={m} />
        ) : (
          <Bubble key={m.id} m={m} contactName={contactName} body={m.contentType === "incoming_email" ? <EmailMessageView m={m} attachments={attachments ? (attachments.get(m.id) ?? []) : null} baseUrl={baseUrl} /> : <MessageWithFiles accountId={m.accountId} content={<MessageText m={m} />} files={attachments?.get(m.id) ?? []} />} />
        ),
      )}
      {/* Keyed: what arrived for one conversation must not follow the agent to the next. */}
      {live ? <LiveThreadTail key={live.displayId} accountId={live.accountId} displayId={live.displayId} shownIds={messages.map((m) => m.id)} contactName={contactName} /> : null}
    </ol>
  );
}
