"use client";

import { clsx } from "clsx";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { SidebarCounts, UnreadTotal } from "@/lib/conversations/sidebar-counts";
import { useSidebarCounts } from "@/components/realtime/live-counts";
import { useLinkNavigation } from "@/components/ui/link-navigation";
import { AtSignIcon, BookOpenIcon, ChartColumnIcon, ContactIcon, InboxIcon, MessagesSquareIcon, SearchIcon, SettingsIcon } from "@/components/ui/line-icons";

export type SidebarInbox = { id: number; name: string };

/** `unread/total` of open conversations, e.g. 3/7; unread ones make it bold. */
function Count({ value }: { value: UnreadTotal | undefined }) {
  const { unread, total } = value ?? { unread: 0, total: 0 };
  return (
    <span
      title={`${unread} unread of ${total} open`}
      className={clsx("ml-auto shrink-0 text-xs tabular-nums", unread > 0 ? "font-semibold text-brand-700" : "text-slate-400")}
    >
      {unread}/{total}
    </span>
  );
}

function NavLink({ href, active, icon, children, count }: { href: string; active: boolean; icon: ReactNode; children: ReactNode; count?: ReactNode }) {
  return (
    <a
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx(
        "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
        active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      {icon}
      <span className="truncate">{children}</span>
      {count}
    </a>
  );
}

/**
 * The account's navigation: main areas, and the inboxes under Conversations. Its links (and the
 * teams', labels' and views' links passed in `organize`) are plain anchors that the aside follows
 * through the router in one click handler (components/ui/link-navigation.ts): on every signed-in
 * page 20–40 of them, where a `next/link` each cost more of the server's render than the rest of
 * the sidebar.
 */
export function Sidebar({
  accountId,
  accountName,
  inboxes,
  counts: rendered,
  organize,
  userMenu,
  canViewReports = false,
}: {
  accountId: number;
  accountName: string;
  inboxes: SidebarInbox[];
  /** As rendered; kept current by live events (components/realtime/live-counts.tsx). */
  counts?: SidebarCounts;
  /** Teams and labels (components/labels/sidebar-organize.tsx). */
  organize?: ReactNode;
  userMenu: ReactNode;
  /** Administrators and custom roles with "Reports" see the Reports link. */
  canViewReports?: boolean;
}) {
  const pathname = usePathname();
  const counts = useSidebarCounts(rendered);
  const navigate = useLinkNavigation();
  const base = `/app/accounts/${accountId}`;
  const inConversations = pathname.startsWith(`${base}/conversations`) || pathname.startsWith(`${base}/inbox/`);
  const icon = "size-4 shrink-0";
  return (
    // On a phone it is one row (the links, then the user menu) so the page below keeps the screen.
    <aside onClick={navigate} className="flex shrink-0 border-b border-slate-200 bg-white max-md:items-center md:h-full md:w-60 md:flex-col md:border-r md:border-b-0">
      <div className="flex items-center gap-2.5 px-4 py-3.5 max-md:hidden">
        <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white" aria-hidden="true">
          P
        </span>
        <div className="min-w-0">
          <p className="text-xs font-medium text-slate-500">Postdesk</p>
          <p className="truncate text-sm font-semibold text-slate-900" title={accountName}>
            {accountName}
          </p>
        </div>
      </div>
      <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-3 max-md:min-w-0 max-md:flex-1 max-md:py-1.5 md:flex-1 md:flex-col md:overflow-y-auto md:pb-3">
        <NavLink
          href={`${base}/search`}
          active={pathname.startsWith(`${base}/search`)}
          icon={<SearchIcon className={icon} />}
          count={<kbd className="hidden rounded border border-slate-200 px-1 font-mono text-[11px] text-slate-400 md:inline" title="Press / to search">/</kbd>}
        >
          Search
        </NavLink>
        <NavLink href={`${base}/conversations`} active={inConversations} icon={<MessagesSquareIcon className={icon} />}>
          Conversations
        </NavLink>
        {counts ? (
          <ul aria-label="Views" className="hidden space-y-0.5 md:block">
            {(
              [
                ["Mine", "", counts.views.mine],
                ["Unassigned", "?assignee_type=unassigned", counts.views.unassigned],
                ["All", "?assignee_type=all", counts.views.all],
              ] as const
            ).map(([label, query, value]) => (
              <li key={label}>
                <NavLink href={`${base}/conversations${query}`} active={false} icon={<span className="size-4 shrink-0" />} count={<Count value={value} />}>
                  {label}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink
                href={`${base}/conversations?assignee_type=all&conversation_type=mention`}
                active={false}
                icon={<AtSignIcon className={icon} />}
                count={
                  <span title={`${counts.mentions} open conversations mention you`} className={clsx("ml-auto shrink-0 text-xs tabular-nums", counts.mentions > 0 ? "font-semibold text-brand-700" : "text-slate-400")}>
                    {counts.mentions}
                  </span>
                }
              >
                Mentions
              </NavLink>
            </li>
          </ul>
        ) : null}
        {inboxes.length > 0 ? (
          <div className="hidden md:block">
            <p className="mt-3 mb-1 px-2.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Inboxes</p>
            <ul className="space-y-0.5">
              {inboxes.map((inbox) => (
                <li key={inbox.id}>
                  <NavLink
                    href={`${base}/inbox/${inbox.id}`}
                    active={pathname.startsWith(`${base}/inbox/${inbox.id}`)}
                    icon={<InboxIcon className={icon} />}
                    count={counts ? <Count value={counts.inboxes[inbox.id]} /> : undefined}
                  >
                    {inbox.name}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="mt-3" />
          </div>
        ) : null}
        {organize}
        <NavLink href={`${base}/contacts`} active={pathname.startsWith(`${base}/contacts`)} icon={<ContactIcon className={icon} />}>
          Contacts
        </NavLink>
        <NavLink href={`${base}/portals`} active={pathname.startsWith(`${base}/portals`)} icon={<BookOpenIcon className={icon} />}>
          Help center
        </NavLink>
        {canViewReports ? (
          <NavLink href={`${base}/reports/overview`} active={pathname.startsWith(`${base}/reports`)} icon={<ChartColumnIcon className={icon} />}>
            Reports
          </NavLink>
        ) : null}
        <NavLink href={`${base}/settings/account`} active={pathname.startsWith(`${base}/settings`)} icon={<SettingsIcon className={icon} />}>
          Settings
        </NavLink>
      </nav>
      <div className="border-slate-200 max-md:max-w-[45%] max-md:shrink-0 max-md:border-l max-md:p-1.5 md:border-t md:p-3">{userMenu}</div>
    </aside>
  );
}
