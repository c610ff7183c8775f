"use client";

import { Command } from "cmdk";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { QuickSearchResult } from "@/lib/search/quick-search";
import { Highlighted } from "./highlighted";
import { dispatchShortcut, type ShortcutAction } from "./shortcut-events";

type Entry = { id: string; label: string; hint?: string; run: () => void };

const EMPTY: QuickSearchResult = { terms: [], conversations: [], contacts: [] };

/** Finds as the agent types: waits for a pause, and drops an answer to an older query. */
function useQuickSearch(accountId: number, q: string): { result: QuickSearchResult; loading: boolean } {
  const [state, setState] = useState<{ q: string; result: QuickSearchResult }>({ q: "", result: EMPTY });
  const query = q.trim();
  useEffect(() => {
    if (!query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/accounts/${accountId}/search?${new URLSearchParams({ q: query })}`, { signal: controller.signal, headers: { accept: "application/json" } })
        .then((res) => (res.ok ? (res.json() as Promise<QuickSearchResult>) : EMPTY))
        .then((result) => setState({ q: query, result }))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [accountId, query]);
  return { result: query && state.q === query ? state.result : EMPTY, loading: Boolean(query) && state.q !== query };
}

/**
 * The command bar (Ctrl/Cmd+K, cmdk): conversations and contacts from the search, the list's
 * views and other screens, and the open conversation's actions, one Enter away.
 */
export function CommandBar({ accountId, open, onOpenChange }: { accountId: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState("");
  const { result, loading } = useQuickSearch(accountId, open ? q : "");
  const base = `/app/accounts/${accountId}`;
  const inConversation = /\/conversations\/\d+/.test(pathname);

  const close = () => {
    onOpenChange(false);
    setQ("");
  };
  const go = (href: string) => () => {
    close();
    router.push(href);
  };
  const act = (action: ShortcutAction) => () => {
    close();
    // After the dialog has given focus back to the page.
    setTimeout(() => dispatchShortcut(action), 0);
  };

  const views: Entry[] = [
    { id: "view-mine", label: "Mine", hint: "Open conversations assigned to me", run: go(`${base}/conversations`) },
    { id: "view-unassigned", label: "Unassigned", hint: "Open conversations nobody has", run: go(`${base}/conversations?assignee_type=unassigned`) },
    { id: "view-all", label: "All conversations", hint: "Open, everyone's", run: go(`${base}/conversations?assignee_type=all`) },
    { id: "view-resolved", label: "Resolved", run: go(`${base}/conversations?assignee_type=all&status=resolved`) },
    { id: "view-contacts", label: "Contacts", run: go(`${base}/contacts`) },
    { id: "view-search", label: "Search page", run: go(`${base}/search`) },
    { id: "view-settings", label: "Settings", run: go(`${base}/settings/account`) },
    { id: "view-profile", label: "Profile", run: go(`${base}/profile`) },
  ];
  const actions: Entry[] = [
    ...(inConversation
      ? [
          { id: "action-reply", label: "Reply", hint: "r", run: act("reply") },
          { id: "action-note", label: "Private note", hint: "n", run: act("note") },
          { id: "action-resolve", label: "Resolve", hint: "e", run: act("resolve") },
          { id: "action-assign-me", label: "Assign to me", hint: "a", run: act("assign-me") },
        ]
      : []),
    { id: "action-help", label: "Keyboard shortcuts", hint: "?", run: act("help") },
  ];
  const needle = q.trim().toLowerCase();
  const matches = (e: Entry) => !needle || e.label.toLowerCase().includes(needle) || (e.hint?.toLowerCase().includes(needle) ?? false);
  const shownViews = views.filter(matches);
  const shownActions = actions.filter(matches);

  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      label="Command bar"
      shouldFilter={false}
      overlayClassName="fixed inset-0 z-40 bg-slate-900/30"
      contentClassName="fixed top-[12vh] left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl"
    >
      <Command.Input
        value={q}
        onValueChange={setQ}
        placeholder="Search conversations and contacts, or type a command…"
        className="w-full border-b border-slate-200 px-4 py-3 text-sm outline-none"
      />
      <Command.List className="max-h-[60vh] overflow-y-auto p-2 text-sm">
        {loading ? <Command.Loading>Searching…</Command.Loading> : null}
        <Command.Empty className="px-2 py-6 text-center text-slate-500">Nothing found.</Command.Empty>
        {needle ? (
          <Command.Item value="search-page" onSelect={go(`${base}/search?${new URLSearchParams({ q: q.trim() })}`)} className={itemClass}>
            Search everything for “{q.trim()}”
          </Command.Item>
        ) : null}
        {result.conversations.length > 0 ? (
          <Command.Group heading="Conversations" className={groupClass}>
            {result.conversations.map((c) => (
              <Command.Item key={c.displayId} value={`conversation-${c.displayId}`} onSelect={go(`${base}/conversations/${c.displayId}`)} className={itemClass}>
                <div className="min-w-0">
                  <p className="truncate">
                    <span className="text-slate-500">#{c.displayId}</span> <Highlighted text={c.contactName} terms={result.terms} />
                    {c.subject ? (
                      <span className="text-slate-600">
                        {" "}
                        · <Highlighted text={c.subject} terms={result.terms} />
                      </span>
                    ) : null}
                  </p>
                  {c.snippet ? (
                    <p className="truncate text-xs text-slate-500">
                      <Highlighted text={c.snippet} terms={result.terms} />
                    </p>
                  ) : null}
                </div>
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        {result.contacts.length > 0 ? (
          <Command.Group heading="Contacts" className={groupClass}>
            {result.contacts.map((c) => (
              <Command.Item key={c.id} value={`contact-${c.id}`} onSelect={go(`${base}/contacts/${c.id}`)} className={itemClass}>
                <span className="truncate">
                  <Highlighted text={c.name || c.email || `Contact #${c.id}`} terms={result.terms} />
                  {c.email && c.name ? (
                    <span className="text-xs text-slate-500">
                      {" "}
                      <Highlighted text={c.email} terms={result.terms} />
                    </span>
                  ) : null}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        {shownActions.length > 0 ? <EntryGroup heading="Actions" entries={shownActions} /> : null}
        {shownViews.length > 0 ? <EntryGroup heading="Views" entries={shownViews} /> : null}
      </Command.List>
    </Command.Dialog>
  );
}

const groupClass = "[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-slate-500";
const itemClass = "flex cursor-pointer items-center justify-between gap-3 rounded-md px-2 py-1.5 text-slate-800 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800";

function EntryGroup({ heading, entries }: { heading: string; entries: Entry[] }) {
  return (
    <Command.Group heading={heading} className={groupClass}>
      {entries.map((e) => (
        <Command.Item key={e.id} value={e.id} onSelect={e.run} className={itemClass}>
          <span>{e.label}</span>
          {e.hint ? <span className="truncate text-xs text-slate-400">{e.hint}</span> : null}
        </Command.Item>
      ))}
    </Command.Group>
  );
}
