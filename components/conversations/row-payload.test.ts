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
    expect(row.lastMessage).toEqual({ ...summary.lastMessage, content: null });
    expect(row).toMatchObject({ additionalAttributes: {}, customAttributes: {}, displayId: 7 });
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(summary).length / 4);
  });

  it("keeps a short preview as it is (whitespace folded) and never cuts an emoji in half", () => {
    expect(rowPayload({ ...summary, preview: { content: " Hi\n there ", messageType: "outgoing" } }).preview).toEqual({ content: "Hi there", messageType: "outgoing" });
    const emojis = "😀".repeat(ROW_PREVIEW_CHARS + 5);
    expect(rowPayload({ ...summary, preview: { content: emojis, messageType: "incoming" } }).preview?.content).toBe("😀".repeat(ROW_PREVIEW_CHARS));
    expect(rowPayload({ ...summary, preview: null, lastMessage: null })).toMatchObject({ preview: null, lastMessage: null });
  });
});
