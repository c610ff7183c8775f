import { clsx } from "clsx";
import { Lock } from "lucide-react";
import type { ReactNode } from "react";
import type { MessageDetails } from "@/lib/messages/types";
import { Avatar } from "@/components/ui/avatar";
import { LocalTime } from "@/components/ui/local-time";
import { TIME_OF_DAY } from "@/components/format";
import { EmailStatus } from "./email-status";
import { OriginalEmailLink } from "./original-email-link";
import { CsatRating } from "@/components/csat/csat-rating";

/*
 * One thread item, rendered by the server (Thread) and, for messages known so far only from a live
 * event, by the browser (LiveThreadTail): nothing here may need the server. `body` is the
 * message's content as shown (an incoming email's view needs the server, see thread.tsx).
 */

// Outgoing replies that go out by email carry our Message-ID (lib/email/ids.ts) in source_id.
const OUR_MESSAGE_ID = /^conversation\/[0-9a-f-]{36}\/messages\/\d+@/i;
const isEmailReply = (m: MessageDetails) => m.messageType === "outgoing" && !m.private && OUR_MESSAGE_ID.test(m.sourceId ?? "");

function senderName(m: MessageDetails, contactName: string): string {
  if (m.sender) return m.sender.name || m.sender.email || "Unknown";
  return m.messageType === "incoming" ? contactName : "Bot";
}

export function Activity({ m }: { m: MessageDetails }) {
  return (
    <li className="flex justify-center px-4" data-message-type="activity" data-message-id={m.id}>
      <p className="rounded-full bg-slate-100 px-3 py-1 text-center text-xs text-slate-500">
        {m.content}
        <LocalTime date={m.createdAt} pattern={TIME_OF_DAY} className="ml-1.5 text-slate-400" />
      </p>
    </li>
  );
}

export function Bubble({ m, contactName, body }: { m: MessageDetails; contactName: string; body: ReactNode }) {
  const incoming = m.messageType === "incoming";
  const name = senderName(m, contactName);
  return (
    <li
      className={clsx("flex gap-2.5 px-4", incoming ? "justify-start" : "flex-row-reverse")}
      data-message-type={m.private ? "private" : m.messageType}
      data-message-id={m.id}
      aria-label={m.private ? `Private note from ${name}` : `${incoming ? "Message" : "Reply"} from ${name}`}
    >
      <Avatar name={name} size="sm" className="mt-5" />
      <div className={clsx("flex max-w-[75%] flex-col", incoming ? "items-start" : "items-end")}>
        <p className="mb-1 flex items-center gap-1.5 text-xs text-slate-500">
          <span className="font-medium text-slate-700">{name}</span>
          <LocalTime date={m.createdAt} pattern={TIME_OF_DAY} />
          {m.status === "failed" && !isEmailReply(m) ? <span className="font-medium text-red-600">Failed to send</span> : null}
        </p>
        <div
          className={clsx(
            "max-w-full min-w-0 rounded-2xl px-3.5 py-2 text-sm leading-relaxed whitespace-pre-wrap break-words shadow-xs",
            incoming && "rounded-tl-sm border border-slate-200 bg-white text-slate-800",
            !incoming && !m.private && "rounded-tr-sm bg-brand-600 text-white",
            m.private && "rounded-tr-sm border border-amber-200 bg-amber-50 text-amber-950",
          )}
        >
          {m.private ? (
            <p className="mb-1 flex items-center gap-1 text-[11px] font-semibold tracking-wide text-amber-700 uppercase">
              <Lock className="size-3" aria-hidden="true" />
              Private note
            </p>
          ) : null}
          {body}
        </div>
        {m.contentType === "input_csat" ? <CsatRating messageId={m.id} contentAttributes={m.contentAttributes} version={m.updatedAt.getTime()} /> : null}
        {isEmailReply(m) ? (
          <EmailStatus
            accountId={m.accountId}
            messageId={m.id}
            status={m.status}
            error={typeof m.contentAttributes.external_error === "string" ? m.contentAttributes.external_error : null}
            delivery={m.delivery}
            version={m.updatedAt.getTime()}
          />
        ) : null}
        {isEmailReply(m) && m.status === "sent" ? <OriginalEmailLink accountId={m.accountId} messageId={m.id} /> : null}
      </div>
    </li>
  );
}
