import type { ConversationSummary } from "@/lib/conversations/types";
import type { MessageDetails } from "@/lib/messages/types";
import type { Wire } from "@/lib/realtime/payloads";
import type { ListRow, RowWire } from "./list-row";
import { slaFromWire } from "@/components/sla/sla-clock";

const date = (v: string) => new Date(v);
const maybeDate = (v: string | null) => (v === null ? null : new Date(v));

/** A list row from an event payload (dates arrive as ISO strings). */
export function summaryFromWire(c: Wire<ConversationSummary>): ConversationSummary {
  return {
    ...c,
    snoozedUntil: maybeDate(c.snoozedUntil),
    lastActivityAt: date(c.lastActivityAt),
    createdAt: date(c.createdAt),
    updatedAt: date(c.updatedAt),
    agentLastSeenAt: maybeDate(c.agentLastSeenAt),
    assigneeLastSeenAt: maybeDate(c.assigneeLastSeenAt),
    contactLastSeenAt: maybeDate(c.contactLastSeenAt),
    firstReplyCreatedAt: maybeDate(c.firstReplyCreatedAt),
    waitingSince: maybeDate(c.waitingSince),
    lastMessage: c.lastMessage ? { ...c.lastMessage, createdAt: date(c.lastMessage.createdAt) } : null,
    sla: slaFromWire(c.sla),
  } as ConversationSummary;
}

/** A server-rendered list row (row-payload.ts), converted once when the list mounts. */
export function rowFromWire(w: RowWire): ListRow {
  const at = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));
  return {
    id: w.i,
    displayId: w.d,
    inboxId: w.b,
    inbox: { name: w.bn },
    status: w.s,
    priority: w.p ?? null,
    lastActivityAt: new Date(w.la),
    createdAt: new Date(w.ca),
    updatedAt: new Date(w.ua),
    agentLastSeenAt: at(w.rs),
    waitingSince: at(w.ws),
    firstReplyCreatedAt: at(w.fr),
    subject: w.sj ?? null,
    contact: { id: w.ci, name: w.cn, email: w.ce ?? null },
    assignee: w.ai === undefined ? null : { id: w.ai, name: w.an ?? "", displayName: w.ad ?? null },
    team: w.ti === undefined ? null : { id: w.ti, name: w.tn ?? "" },
    labels: w.l ?? [],
    lastMessage: w.ln ? { private: true } : null,
    preview: w.pv === undefined ? null : { content: w.pv, messageType: w.po ? "outgoing" : "incoming" },
    unreadCount: w.u ?? 0,
    hasFailedReply: w.f === 1,
    sla: w.sla
      ? { name: w.sla.n, status: w.sla.s, frtDueAt: at(w.sla.f), nrtDueAt: at(w.sla.x), rtDueAt: at(w.sla.r), thresholds: { frt: w.sla.t[0], nrt: w.sla.t[1], rt: w.sla.t[2] } }
      : null,
  };
}

/** A thread message from an event payload. */
export function messageFromWire(m: Wire<MessageDetails>): MessageDetails {
  return {
    ...m,
    createdAt: date(m.createdAt),
    updatedAt: date(m.updatedAt),
    delivery: m.delivery ? { ...m.delivery, nextAttemptAt: maybeDate(m.delivery.nextAttemptAt) } : null,
  } as MessageDetails;
}
