import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConversationRow } from "@/components/conversations/conversation-row";
import { userActor } from "@/lib/auth/actor";
import { getConversation } from "@/lib/conversations/get-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

/** Issue 10 item 4: the email subject on the row and in the header; the preview is never a note's text. */
const db = useTestDatabase();

const render = (c: Parameters<typeof ConversationRow>[0]["c"]) =>
  renderToStaticMarkup(createElement(ConversationRow, { c, href: "/x", selected: false, showStatus: false, now: new Date() }));

describe("list row subject and preview", () => {
  it("shows the subject and the newest customer or agent message, not a newer private note", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id, { additionalAttributes: { mail_subject: "Printer jams on page two", source: "email" } });
    await f.createMessage(db(), conv, { content: "My printer jams." });
    await f.createMessage(db(), conv, { content: "Try the rear tray.", messageType: "outgoing", senderType: "user", senderId: agent.id });
    await f.createMessage(db(), conv, { content: "Customer is grumpy, careful", messageType: "outgoing", private: true, senderType: "user", senderId: agent.id });
    const onlyNote = await f.createConversation(db(), account.id, inbox.id);
    await f.createMessage(db(), onlyNote, { content: "Internal: call them back", messageType: "outgoing", private: true, senderType: "user", senderId: agent.id });

    const { conversations } = await listConversations(db(), userActor(admin.id), account.id, {});
    const row = conversations.find((c) => c.id === conv.id)!;
    expect(row.subject).toBe("Printer jams on page two");
    expect(row.preview).toEqual({ content: "Try the rear tray.", messageType: "outgoing" });
    const html = render(row);
    expect(html).toContain("Printer jams on page two");
    expect(html).toContain("Try the rear tray.");
    expect(html).not.toContain("grumpy");

    const noteRow = conversations.find((c) => c.id === onlyNote.id)!;
    expect(noteRow.subject).toBeNull();
    const noteHtml = render(noteRow);
    expect(noteHtml).toContain("Private note");
    expect(noteHtml).not.toContain("call them back");

    // The header reads the same summary.
    expect((await getConversation(db(), userActor(admin.id), account.id, conv.displayId)).subject).toBe("Printer jams on page two");
  });
});
