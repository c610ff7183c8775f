"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { LiveCounts } from "@/lib/conversations/live-counts";
import type { SidebarCounts } from "@/lib/conversations/sidebar-counts";
import type { ConversationListMeta } from "@/lib/conversations/types";
import { useLiveEvents } from "./live-refresh";

/** Events that can move a count: a row's status, assignee, inbox or unread state, a read (a note's mention comes with its conversation.updated). */
export const COUNT_EVENTS: ReadonlySet<string> = new Set([
  "conversation.created",
  "conversation.updated",
  "conversation.status_changed",
  "assignee.changed",
  "conversation.hidden",
  "conversation.read",
]);
/** The first event of a quiet period waits this long, so a mail's events (message, row) make one request. */
const FIRST_DELAY_MS = 100;
/** At most one counts request per this interval while events keep coming (10 mails a second: one request). */
const MIN_INTERVAL_MS = 1_000;

/**
 * The tab counts' filters of the list on screen: status and inbox, or an advanced filter (the
 * URL's or a saved view's, encoded as in the list's URL: `encodeFilter`), whose match the counts
 * are then, as the render's.
 */
export type TabsFilter = { status: string; inboxId?: number; filter?: string };
const tabsKey = (f: TabsFilter) => (f.filter !== undefined ? `filter:${f.filter}` : `${f.status}:${f.inboxId ?? ""}`);
const tabsQuery = (f: TabsFilter) =>
  f.filter !== undefined
    ? `?filter=${encodeURIComponent(f.filter)}`
    : `?status=${encodeURIComponent(f.status)}${f.inboxId ? `&inbox_id=${f.inboxId}` : ""}`;

type Fetched = { seq: number; tabs: { key: string; meta: ConversationListMeta } | null };
type Store = {
  sidebar: SidebarCounts;
  fetched: Fetched;
  setTabsFilter: (filter: TabsFilter | null) => void;
};
const Counts = createContext<Store | null>(null);

/**
 * The counts a screen shows — the sidebar's unread/total and the list's tab counts — kept right
 * without re-rendering the screen: the server's render gives the first values; after events that
 * can move a count, one small request (`GET /api/accounts/{id}/live-counts`, the same functions
 * the render uses) brings them all, at most once a second however many events arrive, and not
 * while the tab is hidden (once when it shows again). Values are per viewer ("Mine"), so they are
 * read for this agent rather than carried in events.
 */
export function LiveCountsProvider({ accountId, initial, children }: { accountId: number; initial: SidebarCounts; children: ReactNode }) {
  const [sidebar, setSidebar] = useState(initial);
  // A new server render (an action's refresh, a reconnection) brings newer counts: adopt them.
  const initialKey = JSON.stringify(initial);
  const [renderedKey, setRenderedKey] = useState(initialKey);
  if (renderedKey !== initialKey) {
    setRenderedKey(initialKey);
    setSidebar(initial);
  }
  const [fetched, setFetched] = useState<Fetched>({ seq: 0, tabs: null });
  const tabsFilter = useRef<TabsFilter | null>(null);
  const setTabsFilter = useCallback((filter: TabsFilter | null) => {
    tabsFilter.current = filter;
  }, []);

  const state = useRef({ timer: undefined as number | undefined, inFlight: false, dirty: false, lastStart: 0, seq: 0 });
  const run = useRef<() => void>(() => undefined);
  const schedule = useCallback(() => {
    const s = state.current;
    s.dirty = true;
    if (s.timer !== undefined || s.inFlight) return;
    const wait = Math.max(FIRST_DELAY_MS, s.lastStart + MIN_INTERVAL_MS - Date.now());
    s.timer = window.setTimeout(() => run.current(), wait);
  }, []);
  useEffect(() => {
    const s = state.current;
    run.current = () => {
      s.timer = undefined;
      // A hidden tab asks when it shows again (below): background tabs cost nothing per event.
      if (document.visibilityState === "hidden") return;
      s.dirty = false;
      s.inFlight = true;
      s.lastStart = Date.now();
      const filter = tabsFilter.current;
      const query = filter ? tabsQuery(filter) : "";
      fetch(`/api/accounts/${accountId}/live-counts${query}`, { headers: { accept: "application/json" } })
        .then(async (response) => {
          if (!response.ok) return;
          const body = (await response.json()) as LiveCounts;
          const seq = ++s.seq;
          setSidebar(body.sidebar);
          setFetched({ seq, tabs: filter && body.tabs ? { key: tabsKey(filter), meta: body.tabs } : null });
        })
        // Not shown: the next event, or the next render, brings the counts.
        .catch(() => undefined)
        .finally(() => {
          s.inFlight = false;
          if (s.dirty) schedule();
        });
    };
    const onVisible = () => {
      if (document.visibilityState === "visible" && s.dirty) schedule();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.clearTimeout(s.timer);
      s.timer = undefined;
    };
  }, [accountId, schedule]);

  useLiveEvents((name, data) => {
    if (!COUNT_EVENTS.has(name)) return;
    if ((data as { accountId?: number } | null)?.accountId !== accountId) return;
    schedule();
  });

  const value = useMemo(() => ({ sidebar, fetched, setTabsFilter }), [sidebar, fetched, setTabsFilter]);
  return <Counts.Provider value={value}>{children}</Counts.Provider>;
}

/** The sidebar's counts: the live ones inside LiveCountsProvider, else what the server rendered. */
export function useSidebarCounts(rendered: SidebarCounts | undefined): SidebarCounts | undefined {
  return useContext(Counts)?.sidebar ?? rendered;
}

/**
 * The list's tab counts under `filter`: what the server rendered until counts fetched after it
 * arrive for the same filter. Registers the filter, so the counts requests bring these too.
 */
export function useTabCounts(filter: TabsFilter, rendered: ConversationListMeta): ConversationListMeta {
  const store = useContext(Counts);
  const key = tabsKey(filter);
  const setTabsFilter = store?.setTabsFilter;
  const { status, inboxId, filter: advanced } = filter;
  useEffect(() => {
    setTabsFilter?.({ status, inboxId, filter: advanced });
    return () => setTabsFilter?.(null);
  }, [setTabsFilter, status, inboxId, advanced]);
  // Fetched counts older than this render (a navigation, a refresh) must not replace it.
  const renderKey = `${key}|${JSON.stringify(rendered)}`;
  const seq = store?.fetched.seq ?? 0;
  const [base, setBase] = useState({ renderKey, seq });
  if (base.renderKey !== renderKey) setBase({ renderKey, seq });
  const tabs = store?.fetched.tabs;
  return tabs && tabs.key === key && store.fetched.seq > base.seq ? tabs.meta : rendered;
}
