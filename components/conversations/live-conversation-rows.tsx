"use client";

import { useEffect, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import { useLinkNavigation } from "@/components/ui/link-navigation";
import type { ConversationHiddenPayload, ConversationPayload, ConversationReadPayload } from "@/lib/realtime/payloads";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { ConversationRow } from "./conversation-row";
import { markReadOnOpen } from "./mark-read-on-view";
import { rowFromWire, summaryFromWire } from "./from-wire";
import { useOrganize } from "@/components/labels/organize-context";
import { activeFilter, conversationHrefs, type ListLocation } from "./list-location";
import { applyHiddenEvent, applyReadEvent, applyRowEvent, compactPatches, NO_PATCHES, prunePatches, visibleRows, type ListPatches, type ListScope } from "./list-patch";
import type { ListQuery } from "./list-query";
import { rowCheckbox, useBulkSelection } from "./bulk-selection";
import type { ListRow, RowWire } from "./list-row";

const ROW_EVENTS = new Set(["conversation.created", "conversation.updated", "conversation.status_changed", "assignee.changed"]);

/**
 * The list's rows: the server-rendered ones, patched by row events (the payload is the whole row)
 * and reads; events never re-render the list on the server (a later render, after the agent's own
 * action or a reconnection, is merged by version). Keyed by the list's URL state by its parent,
 * so filters start afresh.
 */
export function LiveConversationRows({
  location,
  query,
  meId,
  rows: wireRows,
  renderedAt,
  selectedDisplayId,
  empty,
}: {
  location: ListLocation;
  query: ListQuery;
  meId: number;
  /** The server's rows, compact (row-payload.ts). */
  rows: RowWire[];
  /** The server's time of this render (ms): "5m ago" is computed from it, so hydration matches. */
  renderedAt: number;
  selectedDisplayId?: number;
  /** Shown when no row is left. */
  empty: ReactNode;
}) {
  const [patches, setPatches] = useState(NO_PATCHES);
  const rows = useMemo(() => wireRows.map(rowFromWire), [wireRows]);
  const navigate = useLinkNavigation();
  const organize = useOrganize();
  const filter = activeFilter(location, query);
  // Under an advanced filter, status and the rest are its conditions; the tab and sort still apply.
  const scope: ListScope = filter
    ? { status: "all", assigneeType: query.assigneeType, meId, page: query.page, sortBy: query.sortBy, filter }
    : {
        status: query.status,
        assigneeType: query.assigneeType,
        inboxId: location.inboxId,
        meId,
        page: query.page,
        labels: query.labels,
        teamId: query.teamId,
        myTeamIds: query.myTeams ? (organize?.teams ?? []).filter((t) => t.isMember).map((t) => t.id) : undefined,
        priority: query.priority,
        sortBy: query.sortBy,
      };
  useLiveEvents((name, data) => {
    const fresh = (current: ListPatches) => compactPatches(prunePatches(current, renderedAt), rows, scope, renderedAt);
    if (ROW_EVENTS.has(name)) {
      const p = data as ConversationPayload;
      if (p.accountId !== location.accountId || !p.conversation) return;
      const row = summaryFromWire(p.conversation);
      setPatches((current) => applyRowEvent(fresh(current), row, p.version));
    } else if (name === "conversation.read") {
      const p = data as ConversationReadPayload;
      if (p.accountId !== location.accountId) return;
      setPatches((current) => applyReadEvent(fresh(current), p.conversationId, Date.parse(p.agentLastSeenAt), p.version));
    } else if (name === "conversation.hidden") {
      // A custom role that narrows what this viewer sees, and the conversation is no longer theirs.
      const p = data as ConversationHiddenPayload;
      if (p.accountId !== location.accountId) return;
      setPatches((current) => applyHiddenEvent(fresh(current), p.conversation.id, p.version));
    }
  });

  const shown = visibleRows(rows, patches, scope, renderedAt);
  const selection = useBulkSelection();
  const shownIds = shown.map((c) => c.displayId).join(",");
  const setVisible = selection?.setVisible;
  useEffect(() => setVisible?.(shownIds ? shownIds.split(",").map(Number) : []), [setVisible, shownIds]);
  if (shown.length === 0) return <>{empty}</>;
  const now = new Date(renderedAt);
  const hrefOf = conversationHrefs(location, query);
  const onClick = (e: MouseEvent<HTMLUListElement>) => {
    // Opening a row counts as a read, in this tab or another (a modifier key).
    const row = openedRow(e, shown);
    if (row && (row.unreadCount > 0 || row.agentLastSeenAt === null)) markReadOnOpen(location.accountId, row.displayId);
    navigate(e);
  };
  return (
    <ul className="divide-y divide-slate-100" onClick={onClick}>
      {shown.map((c) => (
        <ConversationRow
          key={c.id}
          c={c}
          href={hrefOf(c.displayId)}
          selected={c.displayId === selectedDisplayId}
          showStatus={query.status === "all"}
          now={now}
          leading={rowCheckbox(selection, c.displayId, c.contact.name || c.contact.email || `#${c.displayId}`)}
        />
      ))}
    </ul>
  );
}

/** The row whose link a click on the list landed on (rows are plain links: conversation-row.tsx). */
function openedRow(e: MouseEvent<HTMLElement>, shown: ListRow[]): ListRow | undefined {
  const link = e.target instanceof Element ? e.target.closest<HTMLElement>("a[data-row-link]") : null;
  if (!link || !e.currentTarget.contains(link)) return undefined;
  const displayId = Number(link.closest<HTMLElement>("li[data-display-id]")?.dataset.displayId);
  return shown.find((r) => r.displayId === displayId);
}
