import { clsx } from "clsx";
import { Lock, Reply } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ConversationListMeta, ConversationSummary } from "@/lib/conversations/types";
import { Avatar } from "@/components/ui/avatar";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { shortAgo } from "@/components/format";
import { ListFilters } from "./list-filters";
import { listQueryString, type AssigneeType, type ListQuery } from "./list-query";

const PER_PAGE = 25;

export type ListLocation = {
  accountId: number;
  /** Set on /inbox/{id} pages and with ?inbox_id=. */
  inboxId?: number;
  /** Whether the inbox comes from the path (/inbox/{id}) rather than the query string. */
  inboxInPath: boolean;
};

function basePath(loc: ListLocation): string {
  return loc.inboxInPath && loc.inboxId
    ? `/app/accounts/${loc.accountId}/inbox/${loc.inboxId}`
    : `/app/accounts/${loc.accountId}/conversations`;
}

/** Href of a list state (tab, status, page) at this location. */
function listHref(loc: ListLocation, q: Partial<ListQuery>): string {
  return basePath(loc) + listQueryString({ ...q, inboxId: loc.inboxInPath ? undefined : loc.inboxId });
}

export function conversationHref(loc: ListLocation, q: ListQuery, displayId: number): string {
  const path = loc.inboxInPath && loc.inboxId ? `${basePath(loc)}/conversations/${displayId}` : `/app/accounts/${loc.accountId}/conversations/${displayId}`;
  return path + listQueryString({ ...q, inboxId: loc.inboxInPath ? undefined : loc.inboxId });
}

const tabs: { type: AssigneeType; label: string; count: keyof ConversationListMeta }[] = [
  { type: "me", label: "Mine", count: "mineCount" },
  { type: "unassigned", label: "Unassigned", count: "unassignedCount" },
  { type: "all", label: "All", count: "allCount" },
];

function preview(c: ConversationSummary): ReactNode {
  const m = c.lastMessage;
  if (!m) return <span className="italic">No messages yet</span>;
  const text = (m.content ?? "").replace(/\s+/g, " ").trim() || "(attachment)";
  if (m.private) {
    return (
      <>
        <Lock className="mr-1 inline size-3 text-amber-600" aria-label="Private note" />
        {text}
      </>
    );
  }
  if (m.messageType === "outgoing") {
    return (
      <>
        <Reply className="mr-1 inline size-3" aria-label="You replied" />
        {text}
      </>
    );
  }
  return text;
}

/** The conversation list: tabs with counts, filters, rows newest first, pagination. */
export function ConversationList({
  title,
  location,
  query,
  conversations,
  meta,
  inboxes,
  selectedDisplayId,
  isAdmin,
  className,
}: {
  title: string;
  location: ListLocation;
  query: ListQuery;
  conversations: ConversationSummary[];
  meta: ConversationListMeta;
  inboxes: { id: number; name: string }[];
  selectedDisplayId?: number;
  isAdmin: boolean;
  className?: string;
}) {
  const now = new Date();
  const tabTotal = meta[tabs.find((t) => t.type === query.assigneeType)?.count ?? "allCount"];
  const pages = Math.max(1, Math.ceil(tabTotal / PER_PAGE));
  return (
    <section aria-labelledby="conversation-list-heading" className={clsx("flex min-h-0 flex-col border-r border-slate-200 bg-white", className)}>
      <div className="space-y-3 border-b border-slate-200 px-4 pt-4">
        <h1 id="conversation-list-heading" className="truncate text-base font-semibold text-slate-900">
          {title}
        </h1>
        <ListFilters accountId={location.accountId} query={query} inboxId={location.inboxId} inboxes={inboxes} />
        <div role="tablist" aria-label="Conversation tabs" className="-mb-px flex gap-4">
          {tabs.map((t) => {
            const selected = t.type === query.assigneeType;
            return (
              <Link
                key={t.type}
                role="tab"
                aria-selected={selected}
                href={listHref(location, { ...query, assigneeType: t.type, page: 1 })}
                className={clsx(
                  "flex items-center gap-1.5 border-b-2 pb-2 text-sm font-medium",
                  selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
                )}
              >
                {t.label}
                <span className={clsx("rounded-full px-1.5 text-xs", selected ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600")}>
                  {meta[t.count]}
                </span>
              </Link>
            );
          })}
        </div>
      </div>
      <div role="tabpanel" aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
        {conversations.length === 0 ? (
          inboxes.length === 0 ? (
            <EmptyState title="No inboxes yet">
              {isAdmin ? (
                <>
                  Conversations arrive through inboxes.{" "}
                  <Link href={`/app/accounts/${location.accountId}/settings/inboxes`} className="text-brand-600 hover:underline">
                    Create an inbox
                  </Link>
                </>
              ) : (
                "You are not a member of any inbox yet. Ask an administrator to add you."
              )}
            </EmptyState>
          ) : (
            <EmptyState title="No conversations here">
              {query.assigneeType === "me" ? "Nothing is assigned to you with these filters." : "Try another status or inbox."}
            </EmptyState>
          )
        ) : (
          <ul className="divide-y divide-slate-100">
            {conversations.map((c) => {
              const unread = c.unreadCount > 0;
              const selected = c.displayId === selectedDisplayId;
              return (
                <li key={c.id}>
                  <Link
                    href={conversationHref(location, query, c.displayId)}
                    aria-current={selected ? "page" : undefined}
                    className={clsx(
                      "flex gap-3 border-l-2 px-4 py-3 transition-colors",
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
                      <p className={clsx("mt-0.5 truncate text-sm", unread ? "text-slate-800" : "text-slate-500")}>{preview(c)}</p>
                      <div className="mt-1.5 flex items-center gap-2 text-xs text-slate-500">
                        <span className="truncate">#{c.displayId} · {c.inbox.name}</span>
                        {c.assignee ? <span className="truncate">· {c.assignee.displayName || c.assignee.name}</span> : null}
                        {query.status === "all" ? <StatusBadge status={c.status} /> : null}
                        {unread ? (
                          <span className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-[11px] font-semibold text-white">
                            {c.unreadCount}
                            <span className="sr-only"> unread</span>
                          </span>
                        ) : null}
                      </div>
                    </div>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm">
          {query.page > 1 ? (
            <Link href={listHref(location, { ...query, page: query.page - 1 })} className="font-medium text-brand-600 hover:underline">
              Previous
            </Link>
          ) : (
            <span className="text-slate-300">Previous</span>
          )}
          <span className="text-xs text-slate-500">
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link href={listHref(location, { ...query, page: query.page + 1 })} className="font-medium text-brand-600 hover:underline">
              Next
            </Link>
          ) : (
            <span className="text-slate-300">Next</span>
          )}
        </nav>
      ) : null}
    </section>
  );
}
