import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { liveCounts } from "@/lib/conversations/live-counts";
import { countConversations } from "@/lib/conversations/list-conversations";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { getThreadMessage } from "@/lib/messages/get-thread-message";
import { emailView } from "@/components/conversations/email-message";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

/**
 * What a live screen reads instead of re-rendering (components/realtime/README.md): the counts
 * route's liveCounts and the message route's getThreadMessage + emailView.
 */
describe("live counts", () => {
  it("are the sidebar and tab counts a render shows, for this viewer, and refuse strangers and bad filters", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const mine = await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    await f.createMessage(db(), mine);
    await f.createConversation(db(), account.id, inbox.id, { status: "pending" });
    const hidden = await f.createInbox(db(), account.id, { name: "Admins only", memberIds: [admin.id] });
    await f.createConversation(db(), account.id, hidden.id);

    const forAgent = await liveCounts(db(), userActor(agent.id), account.id, { tabs: { status: "open" } });
    expect(forAgent.sidebar).toEqual(await sidebarCounts(db(), userActor(agent.id), account.id));
    expect(forAgent.sidebar.views.mine).toEqual({ unread: 1, total: 1 });
    expect(forAgent.tabs).toEqual({ mineCount: 1, unassignedCount: 0, allCount: 1 });
    const pending = await liveCounts(db(), userActor(admin.id), account.id, { tabs: { status: "pending", inboxId: inbox.id } });
    expect(pending.tabs).toEqual(await countConversations(db(), userActor(admin.id), account.id, { status: "pending", inboxId: inbox.id }));
    expect(pending.sidebar.views.mine).toEqual({ unread: 0, total: 0 });
    expect((await liveCounts(db(), userActor(agent.id), account.id, {})).tabs).toBeNull();

    await expect(liveCounts(db(), userActor(agent.id), account.id, { tabs: { status: "open", inboxId: hidden.id } })).rejects.toMatchObject({ code: "not_found" });
    await expect(liveCounts(db(), userActor(agent.id), account.id, { tabs: { status: "nope" as "open" } })).rejects.toMatchObject({ code: "invalid" });
    const stranger = await f.createUser(db());
    await expect(liveCounts(db(), userActor(stranger.id), account.id, {})).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("one thread message for a live thread", () => {
  it("gives an inbox member the message with its attachments and the email card sanitized, and nobody else anything", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), account.id, inbox.id);
    const html = `<p>Hello <b>there</b></p><script>alert(1)</script><img src=x onerror="alert(2)">`;
    const message = await f.createMessage(db(), conversation, {
      contentType: "incoming_email",
      content: "Hello there",
      contentAttributes: { email: { subject: "Printer", from: ["carol@customer.test"], html_content: { full: html, reply: html } } },
    });

    const got = await getThreadMessage(db(), userActor(agent.id), account.id, message.id);
    expect(got.message.id).toBe(message.id);
    expect(got.message.conversationDisplayId).toBe(conversation.displayId);
    expect(got.attachments).toEqual([]);
    const view = emailView(got.message, got.attachments, "http://desk.acme.test");
    expect(view.subject).toBe("Printer");
    expect(view.body.html?.full).toContain("<b>there</b>");
    expect(view.body.html?.full).not.toMatch(/<script|onerror/i);

    const hidden = await f.createInbox(db(), account.id, { name: "Admins only", memberIds: [admin.id] });
    const secret = await f.createMessage(db(), await f.createConversation(db(), account.id, hidden.id));
    await expect(getThreadMessage(db(), userActor(agent.id), account.id, secret.id)).rejects.toMatchObject({ code: "not_found" });
    const other = await f.createWorkspace(db());
    await expect(getThreadMessage(db(), userActor(other.agent.id), other.account.id, message.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getThreadMessage(db(), userActor(other.agent.id), account.id, message.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
