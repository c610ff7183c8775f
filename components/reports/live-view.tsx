"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { COUNT_EVENTS } from "@/components/realtime/live-counts";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { PresenceAvatar, usePresence } from "@/components/realtime/use-presence";
import type { LiveOverview } from "@/lib/reports/live-overview";
import { liveConversationsHref } from "./conversation-links";
import { SortableTable } from "./sortable-table";

/** The first event of a quiet period waits this long (a mail's events make one request)… */
const FIRST_DELAY_MS = 100;
/** …and then at most one request this often however many events arrive. */
const MIN_INTERVAL_MS = 1_000;
/** Without events (a role that hears no inbox channel, presence going stale) it is read again this often. */
const POLL_MS = 30_000;

/**
 * The overview's live view: open, unassigned and pending conversations now, and each agent's
 * presence and open load. It starts from the server's render; conversation events (the same ones
 * that move the sidebar's counts) make it read `GET /api/accounts/{id}/reports/live` again, at most
 * once a second, and it also reads it every 30 s while the tab is visible. Presence dots follow
 * `presence.update` at once.
 */
export function LiveView({ accountId, initial }: { accountId: number; initial: LiveOverview }) {
  const [live, setLive] = useState(initial);
  const schedule = useLiveReload(accountId, setLive);
  useLiveEvents((name, data) => {
    if (COUNT_EVENTS.has(name) && (data as { accountId?: number } | null)?.accountId === accountId) schedule();
  });

  const tiles = [
    { label: "Open", value: live.open, href: liveConversationsHref(accountId, { status: "open" }) },
    { label: "Unassigned", value: live.unassigned, href: liveConversationsHref(accountId, { status: "open", unassigned: true }) },
    { label: "Pending", value: live.pending, href: liveConversationsHref(accountId, { status: "pending" }) },
  ];
  return (
    <section aria-labelledby="live-view-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex items-baseline justify-between gap-4 border-b border-slate-200 px-5 py-4">
        <h2 id="live-view-heading" className="text-base font-semibold text-slate-900">
          Right now
        </h2>
        {/* The time is the reader's local time: the server's render may differ, the browser's wins. */}
        <p className="text-xs text-slate-500" aria-live="polite" suppressHydrationWarning>
          Updated {new Date(live.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
        </p>
      </div>
      <dl className="grid grid-cols-3 divide-x divide-slate-200 border-b border-slate-200">
        {tiles.map((tile) => (
          <div key={tile.label} className="px-5 py-4">
            <dt className="text-sm text-slate-600">{tile.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">
              <Link href={tile.href} className="text-brand-700 underline-offset-2 hover:underline" aria-label={`${tile.value} ${tile.label.toLowerCase()} conversations`} data-live-count={tile.label.toLowerCase()}>
                {tile.value}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <SortableTable
        caption="Agents: availability and open conversations now"
        columns={[{ label: "Agent" }, { label: "Availability" }, { label: "Open conversations", numeric: true }]}
        initial={{ column: 2, direction: "descending" }}
        rows={live.agents.map((agent) => ({
          key: String(agent.id),
          cells: [
            { sort: agent.name, display: <AgentName id={agent.id} name={agent.name} availability={agent.availability} /> },
            { sort: agent.availability, display: <AvailabilityText id={agent.id} availability={agent.availability} /> },
            {
              sort: agent.open,
              display: (
                <Link href={liveConversationsHref(accountId, { status: "open", assigneeId: agent.id })} className="text-brand-700 underline-offset-2 hover:underline" aria-label={`${agent.open} open conversations assigned to ${agent.name}`}>
                  {agent.open}
                </Link>
              ),
            },
          ],
        }))}
      />
    </section>
  );
}

function AgentName({ id, name, availability }: { id: number; name: string; availability: LiveOverview["agents"][number]["availability"] }) {
  return (
    <span className="flex items-center gap-2">
      <PresenceAvatar userId={id} name={name} availability={availability} size="sm" />
      {name}
    </span>
  );
}

const AVAILABILITY_WORDS = { online: "Online", busy: "Busy", offline: "Offline" } as const;
function AvailabilityText({ id, availability }: { id: number; availability: LiveOverview["agents"][number]["availability"] }) {
  return <span>{AVAILABILITY_WORDS[usePresence(id, availability)]}</span>;
}

/**
 * Reads the live view again: after events at most once a second (the first 100 ms after a quiet
 * period), on a slow timer, never while the tab is hidden (once when it shows again).
 */
class LiveReloader {
  private timer: number | undefined;
  private inFlight = false;
  private dirty = false;
  private lastStart = 0;

  constructor(
    private readonly url: string,
    private readonly apply: (live: LiveOverview) => void,
  ) {}

  schedule = (): void => {
    this.dirty = true;
    if (this.timer !== undefined || this.inFlight) return;
    this.timer = window.setTimeout(this.run, Math.max(FIRST_DELAY_MS, this.lastStart + MIN_INTERVAL_MS - Date.now()));
  };

  private run = (): void => {
    this.timer = undefined;
    if (document.visibilityState === "hidden") return;
    this.dirty = false;
    this.inFlight = true;
    this.lastStart = Date.now();
    fetch(this.url, { headers: { accept: "application/json" } })
      .then(async (response) => {
        if (response.ok) this.apply((await response.json()) as LiveOverview);
      })
      // Not shown: the next event or poll tries again.
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.dirty) this.schedule();
      });
  };

  /** Starts the slow poll; returns the stop. */
  start = (): (() => void) => {
    const poll = window.setInterval(this.schedule, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible" && this.dirty) this.schedule();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(poll);
      document.removeEventListener("visibilitychange", onVisible);
      window.clearTimeout(this.timer);
      this.timer = undefined;
    };
  };
}

function useLiveReload(accountId: number, apply: (live: LiveOverview) => void): () => void {
  const [reloader] = useState(() => new LiveReloader(`/api/accounts/${accountId}/reports/live`, apply));
  useEffect(() => reloader.start(), [reloader]);
  return reloader.schedule;
}
