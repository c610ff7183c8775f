import type { ConversationSummary } from "@/lib/conversations/types";
import type { RowWire } from "./list-row";

/**
 * A row shows one truncated line of the preview; this much more than fills the widest list (24rem
 * beside a conversation, the whole width under 768 px: about 100 characters of text-sm at most).
 */
export const ROW_PREVIEW_CHARS = 120;

/**
 * What the server passes to the list's client component for one row: only what the row shows or
 * the live list (list-patch.ts, filter-match.ts) reads, in the compact `RowWire` shape. Every
 * byte here is serialized into the RSC payload, parsed again for the HTML and sent in the page,
 * 25 times; dates as numbers cost neither a `$D` string nor a Date revived from it. Attributes,
 * the last message's text (the preview is usually that same text), the contact's phone,
 * identifier and picture, the assignee's email and availability, ids and times only other screens
 * use stay on the server. Rows from live events arrive whole and replace these.
 */
export function rowPayload(c: ConversationSummary): RowWire {
  const w: RowWire = {
    i: c.id,
    d: c.displayId,
    b: c.inboxId,
    bn: c.inbox.name,
    s: c.status,
    la: c.lastActivityAt.getTime(),
    ca: c.createdAt.getTime(),
    ua: c.updatedAt.getTime(),
    ci: c.contact.id,
    cn: c.contact.name,
  };
  if (c.priority) w.p = c.priority;
  if (c.agentLastSeenAt) w.rs = c.agentLastSeenAt.getTime();
  if (c.waitingSince) w.ws = c.waitingSince.getTime();
  if (c.firstReplyCreatedAt) w.fr = c.firstReplyCreatedAt.getTime();
  if (c.subject) w.sj = c.subject;
  if (c.contact.email) w.ce = c.contact.email;
  if (c.assignee) {
    w.ai = c.assignee.id;
    w.an = c.assignee.name;
    if (c.assignee.displayName) w.ad = c.assignee.displayName;
  }
  if (c.team) {
    w.ti = c.team.id;
    w.tn = c.team.name;
  }
  if (c.labels.length > 0) w.l = c.labels;
  if (c.lastMessage?.private) w.ln = 1;
  if (c.preview) {
    w.pv = c.preview.content === null ? "" : oneLine(c.preview.content);
    if (c.preview.messageType === "outgoing") w.po = 1;
  }
  if (c.unreadCount > 0) w.u = c.unreadCount;
  if (c.hasFailedReply) w.f = 1;
  const sla = c.sla;
  if (sla) {
    w.sla = { n: sla.name, s: sla.status, t: [sla.thresholds.frt, sla.thresholds.nrt, sla.thresholds.rt] };
    if (sla.frtDueAt) w.sla.f = sla.frtDueAt.getTime();
    if (sla.nrtDueAt) w.sla.x = sla.nrtDueAt.getTime();
    if (sla.rtDueAt) w.sla.r = sla.rtDueAt.getTime();
  }
  return w;
}

/**
 * The first ROW_PREVIEW_CHARS code points of the text on one line. A preview is often a whole
 * mail: whitespace is collapsed on a head of it only (enough for twice the preview even after
 * collapsing), so 25 rows do not run a regex and build a code-point array over every message's
 * full text on each page render.
 */
const HEAD = ROW_PREVIEW_CHARS * 16;

function oneLine(text: string): string {
  let flat = collapse(text.length > HEAD ? text.slice(0, HEAD) : text);
  // Mostly whitespace at the head: the whole text, as before.
  if (text.length > HEAD && flat.length <= 2 * ROW_PREVIEW_CHARS + 1) flat = collapse(text);
  if (flat.length <= ROW_PREVIEW_CHARS) return flat;
  // By code points, so an emoji is never cut in half: 2 units each at most.
  return Array.from(flat.slice(0, 2 * ROW_PREVIEW_CHARS)).slice(0, ROW_PREVIEW_CHARS).join("");
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
