import type { ConversationSummary } from "@/lib/conversations/types";

/** A row shows one truncated line of the preview; this much more than fills the widest list. */
export const ROW_PREVIEW_CHARS = 200;

/**
 * What the server passes to the list's client component for one row: the summary without what a
 * row never shows. Attributes (email headers can be large), the last message's text (a row shows
 * the preview, which is usually that same text: it went twice) and the preview beyond one line;
 * the contact's phone, identifier and picture, the assignee's email, and ids and times only other
 * screens use. Every byte here is serialized into the RSC payload, parsed again for the HTML and
 * sent in the page, 25 times. The row (conversation-row.tsx) and the live list (list-patch.ts,
 * filter-match.ts) read only what is kept. Rows from live events arrive whole and replace these,
 * so nothing is lost there.
 */
export function rowPayload(c: ConversationSummary): ConversationSummary {
  const preview = c.preview && { ...c.preview, content: c.preview.content === null ? null : oneLine(c.preview.content) };
  return {
    ...c,
    uuid: "",
    contactInboxId: null,
    assigneeLastSeenAt: null,
    contactLastSeenAt: null,
    firstReplyCreatedAt: null,
    additionalAttributes: {},
    customAttributes: {},
    contact: { ...c.contact, phoneNumber: null, identifier: null, thumbnail: null },
    assignee: c.assignee && { ...c.assignee, email: "" },
    lastMessage: c.lastMessage && { ...c.lastMessage, content: null, senderType: null, senderId: null },
    preview,
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  // By code points, so an emoji is never cut in half.
  return flat.length <= ROW_PREVIEW_CHARS ? flat : Array.from(flat).slice(0, ROW_PREVIEW_CHARS).join("");
}
