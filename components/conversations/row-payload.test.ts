import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/types";
import { ConversationRow } from "./conversation-row";
import { rowFromWire } from "./from-wire";
import { ROW_PREVIEW_CHARS, rowPayload } from "./row-payload";
import { summaryRow } from "./test-rows";

const long = `Hello,\n\n  ${"the order did not arrive ".repeat(80)}😀 end`;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 9, minute));
const summary = summaryRow(1, at(30), at(1), {
  displayId: 7,
  additionalAttributes: { mail_subject: "Order", headers: "x".repeat(5000) },
  customAttributes: { plan: "gold" },
  lastMessage: { id: 9, content: long, messageType: "incoming", private: false, createdAt: at(30), senderType: "contact", senderId: 3 },
  preview: { content: long, messageType: "incoming" },
});
/** The row as the browser gets it from a server render. */
const roundTrip = (c: ConversationSummary) => rowFromWire(JSON.parse(JSON.stringify(rowPayload(c))));
const html = (c: Parameters<typeof ConversationRow>[0]["c"]) => renderToStaticMarkup(createElement(ConversationRow, { c, href: "/x", selected: false, showStatus: true, now: at(59) }));

describe("a list row's payload", () => {
  it("sends the preview as one line of at most ROW_PREVIEW_CHARS, and the last message without its text", () => {
    const row = roundTrip(summary);
    expect(row.preview?.content).toBe(long.replace(/\s+/g, " ").trim().slice(0, ROW_PREVIEW_CHARS));
    expect(row.preview?.messageType).toBe("incoming");
    const wire = JSON.stringify(rowPayload(summary));
    expect(wire).not.toContain("order did not arrive the order did not arrive ".repeat(10));
    expect(wire).not.toContain("gold");
    expect(wire.length).toBeLessThan(JSON.stringify(summary).length / 4);
  });

  it("keeps a short preview as it is (whitespace folded) and never cuts an emoji in half", () => {
    expect(roundTrip({ ...summary, preview: { content: " Hi\n there ", messageType: "outgoing" } }).preview).toEqual({ content: "Hi there", messageType: "outgoing" });
    const emojis = "😀".repeat(ROW_PREVIEW_CHARS + 5);
    expect(roundTrip({ ...summary, preview: { content: emojis, messageType: "incoming" } }).preview?.content).toBe("😀".repeat(ROW_PREVIEW_CHARS));
    expect(roundTrip({ ...summary, preview: null, lastMessage: null })).toMatchObject({ preview: null, lastMessage: null });
  });

  it("a long mail's preview is the same as folding the whole text, whatever its head holds", () => {
    const whole = (text: string) => Array.from(text.replace(/\s+/g, " ").trim()).slice(0, ROW_PREVIEW_CHARS).join("");
    const texts = [
      "word ".repeat(20_000),
      `${" \n\t".repeat(5_000)}late start ${"x".repeat(300)}`,
      `${"\n".repeat(1_900)}${"a ".repeat(130)}`,
      `${"😀 ".repeat(3_000)}`,
      `${"ab".repeat(119)}😀😀${"c".repeat(10_000)}`,
      `${"x".repeat(1_919)}   \n  ${"y".repeat(50)}`,
    ];
    for (const content of texts) {
      expect(roundTrip({ ...summary, preview: { content, messageType: "incoming" } }).preview?.content).toBe(whole(content));
    }
  });

  it("leaves out what no row shows: the contact's phone, identifier and picture, the assignee's email, ids and times of other screens", () => {
    const full = {
      ...summary,
      uuid: "115b4abd-cf13-41c6-bafb-54a8c9e9820d",
      contactInboxId: 4016,
      assigneeLastSeenAt: new Date(1),
      contactLastSeenAt: new Date(2),
      contact: { id: 4, name: "Ines", email: "ines@example.org", phoneNumber: "+15550004016", identifier: "crm-4016", thumbnail: "https://example.org/i.png" },
      assignee: { id: 2, name: "Bo", displayName: "Bo B.", email: "bo@example.test", availability: "online" },
    } as ConversationSummary;
    const wire = JSON.stringify(rowPayload(full));
    for (const gone of ["+15550004016", "crm-4016", "i.png", "bo@example.test", "115b4abd", "4016"]) expect(wire).not.toContain(gone);
    // What the row and the live list use stays: names, the contact's email (the title without a name), the assignee's name.
    const row = roundTrip(full);
    expect(row.contact).toEqual({ id: 4, name: "Ines", email: "ines@example.org" });
    expect(row.assignee).toEqual({ id: 2, name: "Bo", displayName: "Bo B." });
  });

  it("crosses with times as numbers and short keys, and shows in the browser exactly what the server's row shows", () => {
    const sla = {
      id: 3, policyId: 4, name: "Gold", description: null, status: "active_with_misses", frtDueAt: at(40), nrtDueAt: null, rtDueAt: at(50),
      outcomes: {}, thresholds: { frt: 600, nrt: null, rt: 3600 }, onlyDuringBusinessHours: false, createdAt: at(1), updatedAt: at(2),
    } as const;
    const variants: ConversationSummary[] = [
      { ...summary, preview: { content: "Where is my order?", messageType: "incoming" } },
      summaryRow(2, at(20), at(2), { subject: "Invoice", unreadCount: 3, agentLastSeenAt: at(3), waitingSince: at(4), firstReplyCreatedAt: at(5), priority: "urgent", labels: ["billing", "vip"], team: { id: 5, name: "Tier 2" }, hasFailedReply: true, sla }),
      summaryRow(3, at(10), at(3), { status: "pending", assignee: { id: 9, name: "Ana", displayName: null, email: "ana@example.test", availability: "busy" }, preview: { content: null, messageType: "outgoing" } }),
      summaryRow(4, at(5), at(4), { lastMessage: { id: 1, content: "internal", messageType: "outgoing", private: true, createdAt: at(5), senderType: "user", senderId: 9 }, contact: { id: 8, name: "", email: "x@example.org", phoneNumber: null, identifier: null, thumbnail: null } }),
    ];
    for (const c of variants) {
      const wire = rowPayload(c);
      const text = JSON.stringify(wire);
      // No Date crosses (React would send each as a "$D…" string and revive it), no long key names.
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
      expect(text).not.toMatch(/"(lastActivityAt|displayId|unreadCount|contact)"/);
      const row = rowFromWire(JSON.parse(text));
      expect(html(row)).toBe(html(c));
      // What the live list's patches and filters read (list-patch.ts, filter-match.ts, the SLA filter).
      for (const key of ["id", "displayId", "inboxId", "status", "priority", "lastActivityAt", "createdAt", "updatedAt", "agentLastSeenAt", "waitingSince", "firstReplyCreatedAt", "labels", "team", "unreadCount", "hasFailedReply"] as const) {
        expect(row[key], key).toEqual(c[key]);
      }
      expect(row.assignee?.id).toBe(c.assignee?.id);
      expect(row.sla?.status).toBe(c.sla?.status);
      expect(row.sla?.rtDueAt).toEqual(c.sla?.rtDueAt);
    }
  });
});
