import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/types";
import { ROW_PREVIEW_CHARS, rowPayload } from "./row-payload";

const long = `Hello,\n\n  ${"the order did not arrive ".repeat(80)}😀 end`;
const summary = {
  id: 1,
  displayId: 7,
  additionalAttributes: { mail_subject: "Order", headers: "x".repeat(5000) },
  customAttributes: { plan: "gold" },
  lastMessage: { id: 9, content: long, messageType: "incoming", private: false, createdAt: new Date(0), senderType: "contact", senderId: 3 },
  preview: { content: long, messageType: "incoming" },
} as unknown as ConversationSummary;

describe("a list row's payload", () => {
  it("sends the preview as one line of at most ROW_PREVIEW_CHARS, and the last message without its text", () => {
    const row = rowPayload(summary);
    expect(row.preview?.content).toBe(long.replace(/\s+/g, " ").trim().slice(0, ROW_PREVIEW_CHARS));
    expect(row.preview?.messageType).toBe("incoming");
    expect(row.lastMessage).toEqual({ ...summary.lastMessage, content: null, senderType: null, senderId: null });
    expect(row).toMatchObject({ additionalAttributes: {}, customAttributes: {}, displayId: 7 });
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(summary).length / 4);
  });

  it("keeps a short preview as it is (whitespace folded) and never cuts an emoji in half", () => {
    expect(rowPayload({ ...summary, preview: { content: " Hi\n there ", messageType: "outgoing" } }).preview).toEqual({ content: "Hi there", messageType: "outgoing" });
    const emojis = "😀".repeat(ROW_PREVIEW_CHARS + 5);
    expect(rowPayload({ ...summary, preview: { content: emojis, messageType: "incoming" } }).preview?.content).toBe("😀".repeat(ROW_PREVIEW_CHARS));
    expect(rowPayload({ ...summary, preview: null, lastMessage: null })).toMatchObject({ preview: null, lastMessage: null });
  });

  it("leaves out what no row shows: the contact's phone, identifier and picture, the assignee's email, ids and times of other screens", () => {
    const full = {
      ...summary,
      uuid: "115b4abd-cf13-41c6-bafb-54a8c9e9820d",
      contactInboxId: 4016,
      assigneeLastSeenAt: new Date(1),
      contactLastSeenAt: new Date(2),
      firstReplyCreatedAt: new Date(3),
      contact: { id: 4, name: "Ines", email: "ines@example.org", phoneNumber: "+15550004016", identifier: "crm-4016", thumbnail: "https://example.org/i.png" },
      assignee: { id: 2, name: "Bo", displayName: "Bo B.", email: "bo@example.test", availability: "online" },
    } as unknown as ConversationSummary;
    const row = rowPayload(full);
    const wire = JSON.stringify(row);
    for (const gone of ["+15550004016", "crm-4016", "i.png", "bo@example.test", "115b4abd", "4016"]) expect(wire).not.toContain(gone);
    // What the row and the live list use stays: names, the contact's email (the title without a name), the assignee's name.
    expect(row.contact).toMatchObject({ id: 4, name: "Ines", email: "ines@example.org" });
    expect(row.assignee).toMatchObject({ id: 2, name: "Bo", displayName: "Bo B.", availability: "online" });
    expect(row).toMatchObject({ assigneeLastSeenAt: null, contactLastSeenAt: null, firstReplyCreatedAt: null, contactInboxId: null });
    expect(row.lastMessage).toMatchObject({ private: false, messageType: "incoming", content: null, senderId: null, senderType: null });
  });
});
