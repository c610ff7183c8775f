"use client";

import { clsx } from "clsx";
import { Contact, Inbox, MessagesSquare, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export type SidebarInbox = { id: number; name: string };

function NavLink({ href, active, icon, children }: { href: string; active: boolean; icon: ReactNode; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx(
        "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
        active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      {icon}
      <span className="truncate">{children}</span>
    </Link>
  );
}

/** The account's navigation: main areas, and the inboxes under Conversations. */
export function Sidebar({
  accountId,
  accountName,
  inboxes,
  userMenu,
}: {
  accountId: number;
  accountName: string;
  inboxes: SidebarInbox[];
  userMenu: ReactNode;
}) {
  const pathname = usePathname();
  const base = `/app/accounts/${accountId}`;
  const inConversations = pathname.startsWith(`${base}/conversations`) || pathname.startsWith(`${base}/inbox/`);
  const icon = "size-4 shrink-0";
  return (
    <aside className="flex shrink-0 flex-col border-b border-slate-200 bg-white md:h-full md:w-60 md:border-r md:border-b-0">
      <div className="flex items-center gap-2.5 px-4 py-3.5">
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
      <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-3 pb-3 md:flex-1 md:flex-col md:overflow-y-auto">
        <NavLink href={`${base}/conversations`} active={inConversations} icon={<MessagesSquare className={icon} />}>
          Conversations
        </NavLink>
        {inboxes.length > 0 ? (
          <div className="hidden md:block">
            <p className="mt-3 mb-1 px-2.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Inboxes</p>
            <ul className="space-y-0.5">
              {inboxes.map((inbox) => (
                <li key={inbox.id}>
                  <NavLink
                    href={`${base}/inbox/${inbox.id}`}
                    active={pathname.startsWith(`${base}/inbox/${inbox.id}`)}
                    icon={<Inbox className={icon} />}
                  >
                    {inbox.name}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="mt-3" />
          </div>
        ) : null}
        <NavLink href={`${base}/contacts`} active={pathname.startsWith(`${base}/contacts`)} icon={<Contact className={icon} />}>
          Contacts
        </NavLink>
        <NavLink href={`${base}/settings/account`} active={pathname.startsWith(`${base}/settings`)} icon={<Settings className={icon} />}>
          Settings
        </NavLink>
      </nav>
      <div className="border-t border-slate-200 p-3">{userMenu}</div>
    </aside>
  );
}
