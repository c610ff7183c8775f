"use client";

import { useEffect, useState, type ReactNode } from "react";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { ConversationHiddenPayload, ConversationPayload, ConversationReadPayload } from "@/lib/realtime/payloads";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { ConversationRow } from "./conversation-row";
import { markReadOnOpen } from "./mark-read-on-view";
import { summaryFromWire } from "./from-wire";
import { useOrganize } from "@/components/labels/organize-context";
import { activeFilter, conversationHref, type ListLocation } from "./list-location";
import { applyHiddenEvent, applyReadEvent, applyRowEvent, compactPatches, NO_PATCHES, prunePatches, visibleRows, type ListPatches, type ListScope } from "./list-patch";
import type { ListQuery } from "./list-query";
import { RowCheckbox, useBulkSelection } from "./bulk-selection";

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
  rows,
  renderedAt,
  selectedDisplayId,
  empty,
}: {
  location: ListLocation;
  query: ListQuery;
  meId: number;
  rows: ConversationSummary[];
  /** The server's time of this render (ms): "5m ago" is computed from it, so hydration matches. */
  renderedAt: number;
  selectedDisplayId?: number;
  /** Shown when no row is left. */
  empty: ReactNode;
}) {
  const [patches, setPatches] = useState(NO_PATCHES);
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
  return (
    <ul className="divide-y divide-slate-100">
      {shown.map((c) => (
        <ConversationRow
          key={c.id}
          c={c}
          href={conversationHref(location, query, c.displayId)}
          selected={c.displayId === selectedDisplayId}
          showStatus={query.status === "all"}
          now={now}
          leading={<RowCheckbox displayId={c.displayId} label={c.contact.name || c.contact.email || `#${c.displayId}`} />}
          onOpen={c.unreadCount > 0 || c.agentLastSeenAt === null ? () => markReadOnOpen(location.accountId, c.displayId) : undefined}
        />
      ))}
    </ul>
  );
}
