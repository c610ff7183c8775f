"use client";

import { clsx } from "clsx";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/app/_server/actions/notifications";
import { useAction } from "@/components/use-action";
import { BellIcon } from "@/components/ui/header-icons";
import type { BellItem } from "./types";
import { useLiveNotifications } from "./use-live-notifications";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * The bell in the sidebar: the unread count, and a list of the newest notifications (unread ones
 * marked). Clicking one marks it read and opens its conversation or inbox settings. Kept current
 * by `useLiveNotifications` (no render of the layout per event).
 */
export function NotificationBell({ accountId, items, unreadCount }: { accountId: number; items: BellItem[]; unreadCount: number }) {
  const [open, setOpen] = useState(false);
  const [readHere, setReadHere] = useState<Set<number>>(new Set());
  const router = useRouter();
  const panel = useRef<HTMLDivElement>(null);
  const markOne = useAction(markNotificationReadAction);
  const markAll = useAction(markAllNotificationsReadAction);

  // Live arrivals newer than anything rendered; older ones are already in the render's count.
  const newestRendered = items.reduce((max, i) => Math.max(max, i.id), 0);
  const arrived = useLiveNotifications(accountId).filter((i) => i.id > newestRendered);
  const shown = [...arrived, ...items].map((i) => (readHere.has(i.id) ? { ...i, isRead: true } : i));
  const unread = Math.max(
    0,
    unreadCount + arrived.filter((i) => !i.isRead && !readHere.has(i.id)).length - items.filter((i) => !i.isRead && readHere.has(i.id)).length,
  );

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !panel.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const openItem = (item: BellItem) => {
    setOpen(false);
    if (item.isRead) return router.push(item.href);
    setReadHere((set) => new Set(set).add(item.id));
    markOne.run({ accountId, notificationId: item.id }, () => router.push(item.href));
  };

  return (
    <div ref={panel} className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        className="relative flex size-9 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <BellIcon className="size-5" aria-hidden="true" />
        {unread > 0 ? (
          <span
            data-testid="notification-count"
            className="absolute -top-0.5 -right-0.5 min-w-4.5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-4.5 font-semibold text-white tabular-nums"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          role="dialog"
          aria-label="Notifications"
          className="absolute top-full right-0 z-30 mt-2 w-80 max-w-[calc(100vw-1.5rem)] rounded-lg border border-slate-200 bg-white shadow-lg md:top-auto md:right-auto md:bottom-full md:left-0 md:mt-0 md:mb-2"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <p className="text-sm font-semibold text-slate-900">Notifications</p>
            <button
              type="button"
              disabled={unread === 0 || markAll.pending}
              onClick={() => {
                setReadHere(new Set(shown.map((i) => i.id)));
                markAll.run({ accountId });
              }}
              className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
            >
              Mark all read
            </button>
          </div>
          {markOne.error || markAll.error ? <p className="px-3 py-2 text-xs text-red-700">{markOne.error ?? markAll.error}</p> : null}
          {shown.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-slate-500">You have no notifications.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {shown.map((item) => (
                <li key={item.id}>
                  <a
                    href={item.href}
                    onClick={(event) => {
                      event.preventDefault();
                      openItem(item);
                    }}
                    data-unread={item.isRead ? undefined : "true"}
                    className={clsx("flex gap-2 px-3 py-2.5 hover:bg-slate-50", item.isRead ? "text-slate-500" : "text-slate-900")}
                  >
                    <span
                      aria-hidden="true"
                      className={clsx("mt-1.5 size-2 shrink-0 rounded-full", item.isRead ? "bg-transparent" : "bg-brand-600")}
                    />
                    <span className="min-w-0 flex-1">
                      <span className={clsx("block text-sm", !item.isRead && "font-semibold")}>
                        {item.title}
                        {item.isRead ? null : <span className="sr-only"> (unread)</span>}
                      </span>
                      {item.body ? <span className="block truncate text-xs text-slate-500">{item.body}</span> : null}
                      <span className="block text-[11px] text-slate-400">{timeFormat.format(new Date(item.createdAt))}</span>
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
