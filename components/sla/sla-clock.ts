import type { ConversationSummary } from "@/lib/conversations/types";
import type { ListRow } from "@/components/conversations/list-row";

/**
 * What a row and the header say about a conversation's SLA at `now`, from the due times in its
 * payload alone (so it ticks in the browser without asking the server): the most pressing
 * target still open — one already breached first (the longest overdue), else the one due
 * soonest. A target stops counting as soon as the row shows it answered (first reply, the
 * customer no longer waiting, resolved), before the next sweep records it.
 */
export type SlaKind = "frt" | "nrt" | "rt";
export type SlaBadgeView = { kind: SlaKind; label: string; tone: "ok" | "warning" | "breached"; title: string };

const NAMES: Record<SlaKind, string> = { frt: "First response", nrt: "Next response", rt: "Resolution" };
const SHORT: Record<SlaKind, string> = { frt: "FRT", nrt: "NRT", rt: "RT" };
/** Under this share of the target left, the badge turns amber. */
const WARNING_SHARE = 0.25;

export function slaBadge(c: Pick<ListRow, "sla" | "status" | "firstReplyCreatedAt" | "waitingSince">, now: Date): SlaBadgeView | null {
  const sla = c.sla;
  if (!sla || c.status === "resolved") return null;
  const open: { kind: SlaKind; due: Date; threshold: number | null }[] = [];
  if (sla.frtDueAt && !c.firstReplyCreatedAt) open.push({ kind: "frt", due: sla.frtDueAt, threshold: sla.thresholds.frt });
  if (sla.nrtDueAt && c.firstReplyCreatedAt && c.waitingSince) open.push({ kind: "nrt", due: sla.nrtDueAt, threshold: sla.thresholds.nrt });
  if (sla.rtDueAt) open.push({ kind: "rt", due: sla.rtDueAt, threshold: sla.thresholds.rt });
  if (open.length === 0) return null;
  const t = now.getTime();
  const target = open.reduce((a, b) => (b.due.getTime() < a.due.getTime() ? b : a));
  const left = target.due.getTime() - t;
  if (left <= 0) {
    return { kind: target.kind, tone: "breached", label: `${SHORT[target.kind]} breached ${span(-left)}`, title: `${NAMES[target.kind]} target of ${sla.name} missed ${span(-left)} ago` };
  }
  const warning = target.threshold !== null && target.threshold > 0 && left < target.threshold * 1000 * WARNING_SHARE;
  return { kind: target.kind, tone: warning ? "warning" : "ok", label: `${SHORT[target.kind]} ${span(left)}`, title: `${NAMES[target.kind]} due in ${span(left)} (${sla.name})` };
}

/** A duration as a row has room for: 45s, 12m, 3h, 2h 5m under a day, 4d. */
export function span(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 || h >= 10 ? `${h}h` : `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d`;
}

/** An SLA from a live event's payload (dates arrive as ISO strings). */
export function slaFromWire(sla: unknown): ConversationSummary["sla"] {
  if (!sla || typeof sla !== "object") return null;
  const s = sla as Record<string, unknown>;
  const d = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
  return { ...(s as NonNullable<ConversationSummary["sla"]>), frtDueAt: d(s.frtDueAt), nrtDueAt: d(s.nrtDueAt), rtDueAt: d(s.rtDueAt), createdAt: new Date(String(s.createdAt)), updatedAt: new Date(String(s.updatedAt)) };
}
