import { clsx } from "clsx";
import type { ReactNode } from "react";
import { Avatar } from "@/components/ui/avatar";
import { LockIcon, MailWarningIcon, ReplyIcon } from "@/components/ui/line-icons";
import { StatusBadge } from "@/components/ui/badge";
import { shortAgo } from "@/components/format";
import { RowTags } from "@/components/labels/row-tags";
import { SlaBadge } from "@/components/sla/sla-badge";
import type { ListRow } from "./list-row";

function preview(c: ListRow): ReactNode {
  // The newest message a customer or agent wrote; a note's text shows only when the row says it is a note.
  const m = c.preview;
  if (!m) {
    if (c.lastMessage?.private) {
      return (
        <>
          <LockIcon className="mr-1 inline-block size-3 text-amber-600" />
          <span className="italic">Private note</span>
        </>
      );
    }
    return <span className="italic">No messages yet</span>;
  }
  const text = (m.content ?? "").replace(/\s+/g, " ").trim() || "(attachment)";
  if (m.messageType === "outgoing") {
    return (
      <>
        <ReplyIcon className="mr-1 inline-block size-3" label="You replied" />
        {text}
      </>
    );
  }
  return text;
}

/**
 * One row of the conversation list: contact, last activity, preview, inbox, assignee, a reply not
 * delivered, unread count. A plain link: the list handles its clicks in one place
 * (live-conversation-rows.tsx, components/ui/link-navigation.ts) instead of a `next/link` per row, and never
 * prefetches (a row that a live event brings would make every agent's browser ask the server to
 * render that conversation's page).
 */
export function ConversationRow({
  c,
  href,
  selected,
  showStatus,
  now,
  leading,
}: {
  c: ListRow;
  href: string;
  selected: boolean;
  showStatus: boolean;
  now: Date;
  /** Before the link: the bulk selection's checkbox (bulk-selection.tsx). */
  leading?: ReactNode;
}) {
  const unread = c.unreadCount > 0;
  return (
    <li data-display-id={c.displayId} className={leading ? "flex" : undefined}>
      {leading}
      <a
        href={href}
        data-row-link=""
        aria-current={selected ? "page" : undefined}
        className={clsx(
          "flex min-w-0 flex-1 gap-3 border-l-2 px-4 py-3 transition-colors",
          selected ? "border-brand-600 bg-brand-50/60" : "border-transparent hover:bg-slate-50",
        )}
      >
        <Avatar name={c.contact.name || c.contact.email || "Contact"} />
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <p className={clsx("min-w-0 flex-1 truncate text-sm", unread ? "font-semibold text-slate-900" : "font-medium text-slate-800")}>
              {c.contact.name || c.contact.email || `Contact #${c.contact.id}`}
            </p>
            <time dateTime={c.lastActivityAt.toISOString()} className="shrink-0 text-xs text-slate-400">
              {shortAgo(c.lastActivityAt, now)}
            </time>
          </div>
          {c.subject ? (
            <p className={clsx("mt-0.5 truncate text-sm", unread ? "font-medium text-slate-900" : "text-slate-700")} data-testid="row-subject">
              {c.subject}
            </p>
          ) : null}
          <p className={clsx("mt-0.5 truncate text-sm", unread ? "text-slate-800" : "text-slate-500")}>{preview(c)}</p>
          <div className="mt-1.5 flex items-center gap-2 text-xs text-slate-500">
            {/* One text node each (no separator comments between the parts in the HTML). */}
            <span className="truncate">{`#${c.displayId} · ${c.inbox.name}`}</span>
            {c.assignee ? <span className="truncate">{`· ${c.assignee.displayName || c.assignee.name}`}</span> : null}
            {showStatus ? <StatusBadge status={c.status} /> : null}
            {c.sla ? <SlaBadge c={c} /> : null}
            {c.hasFailedReply ? (
              <span className="inline-flex shrink-0 items-center gap-0.5 font-medium text-red-600" title="Reply not delivered">
                <MailWarningIcon className="size-3.5" />
                <span className="sr-only">Reply not delivered</span>
              </span>
            ) : null}
            {unread ? (
              <span className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-[11px] font-semibold text-white">
                {c.unreadCount}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </div>
          {c.priority || c.team || c.labels.length > 0 ? <RowTags c={c} /> : null}
        </div>
      </a>
    </li>
  );
}
