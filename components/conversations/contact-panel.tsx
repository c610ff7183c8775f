import { Mail, Phone, Fingerprint } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ConversationSummary } from "@/lib/conversations/types";
import { Avatar } from "@/components/ui/avatar";
import { StatusBadge } from "@/components/ui/badge";
import { DATE_TIME } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";

/** Who the conversation is with, and the conversation's facts. */
export function ContactPanel({
  accountId,
  conversation,
  previous,
  children,
}: {
  accountId: number;
  conversation: ConversationSummary;
  /** The contact's other conversations the viewer can see, newest first (the loader sends the few shown). */
  previous: ConversationSummary[];
  /** More sections after the conversation's facts (custom attributes, the contact's labels). */
  children?: ReactNode;
}) {
  const { contact } = conversation;
  const name = contact.name || contact.email || `Contact #${contact.id}`;
  const row = "flex items-center gap-2 text-sm text-slate-700";
  const icon = "size-4 shrink-0 text-slate-400";
  return (
    <aside aria-label="Contact" className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:block">
      <div className="flex flex-col items-center gap-2 border-b border-slate-200 px-5 py-6 text-center">
        <Avatar name={name} size="lg" />
        <h2 className="text-base font-semibold text-slate-900">{name}</h2>
        <Link href={`/app/accounts/${accountId}/contacts/${contact.id}`} className="text-sm font-medium text-brand-600 hover:underline">
          View contact
        </Link>
      </div>
      <dl className="space-y-3 px-5 py-4">
        <div className={row}>
          <dt>
            <Mail className={icon} aria-label="Email" />
          </dt>
          <dd className="truncate">{contact.email ?? <span className="text-slate-400">No email</span>}</dd>
        </div>
        <div className={row}>
          <dt>
            <Phone className={icon} aria-label="Phone" />
          </dt>
          <dd className="truncate">{contact.phoneNumber ?? <span className="text-slate-400">No phone</span>}</dd>
        </div>
        {contact.identifier ? (
          <div className={row}>
            <dt>
              <Fingerprint className={icon} aria-label="Identifier" />
            </dt>
            <dd className="truncate">{contact.identifier}</dd>
          </div>
        ) : null}
      </dl>
      <div className="border-t border-slate-200 px-5 py-4">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Conversation</h3>
        <dl className="mt-2 space-y-1.5 text-sm">
          <div className="flex justify-between gap-2">
            <dt className="text-slate-500">Inbox</dt>
            <dd className="truncate text-slate-800">{conversation.inbox.name}</dd>
          </div>
          <div className="flex justify-between gap-2">
            <dt className="text-slate-500">Created</dt>
            <dd className="text-slate-800"><LocalTime date={conversation.createdAt} pattern={DATE_TIME} /></dd>
          </div>
          {conversation.status === "snoozed" && conversation.snoozedUntil ? (
            <div className="flex justify-between gap-2">
              <dt className="text-slate-500">Snoozed until</dt>
              <dd className="text-slate-800"><LocalTime date={conversation.snoozedUntil} pattern={DATE_TIME} /></dd>
            </div>
          ) : null}
        </dl>
      </div>
      {children}
      {previous.length > 0 ? (
        <div className="border-t border-slate-200 px-5 py-4">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Previous conversations</h3>
          <ul className="mt-2 space-y-1">
            {previous.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/app/accounts/${accountId}/conversations/${c.displayId}`}
                  className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50"
                >
                  <span className="min-w-0 truncate text-slate-700">
                    #{c.displayId} · {c.lastMessage?.content ?? c.inbox.name}
                  </span>
                  <StatusBadge status={c.status} />
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </aside>
  );
}
