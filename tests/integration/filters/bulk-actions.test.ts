import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, messages } from "@/db/schema";
import * as bulk from "@/app/api/v1/accounts/[account_id]/bulk_actions/route";
import { applyBulkAction } from "@/lib/bulk-actions/conversations";
import { userActor } from "@/lib/auth/actor";
import { listConversations } from "@/lib/conversations/list-conversations";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { useJobRunner } from "../../support/job-runner";
import { call } from "../api/call";

const db = useTestDatabase();
useJobRunner(db);

async function seed() {
  const w = await f.createWorkspace(db());
  const hidden = await f.createInbox(db(), w.account.id, { name: "Private", memberIds: [] });
  const mine = await Promise.all([1, 2, 3].map(() => f.createConversation(db(), w.account.id, w.inbox.id)));
  const secret = await f.createConversation(db(), w.account.id, hidden.id);
  return { ...w, hidden, mine, secret };
}

const statusOf = async (id: number) => (await db().select({ s: conversations.status, a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, id)))[0];

describe("POST /bulk_actions", () => {
  it("resolves and assigns the named conversations with Chatwoot's body, one activity line each", async () => {
    const s = await seed();
    const ids = s.mine.slice(0, 2).map((c) => c.displayId);
    const res = await call(bulk.POST, { token: s.agent.apiAccessToken, params: { account_id: s.account.id }, body: { type: "Conversation", ids, fields: { status: "resolved", assignee_id: s.agent.id } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ queued: false, total: 2, done: 2, failed: 0 });
    for (const c of s.mine.slice(0, 2)) expect(await statusOf(c.id)).toEqual({ s: "resolved", a: s.agent.id });
    expect(await statusOf(s.mine[2].id)).toEqual({ s: "open", a: null });
    const lines = await db().select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, s.mine[0].id), eq(messages.messageType, "activity")));
    expect(lines.map((l) => l.content)).toEqual(["Bob Agent resolved the conversation", "Bob Agent self-assigned this conversation"]);
  });

  it("authorizes each conversation: one in an inbox the agent is not in is left alone and counted as failed", async () => {
    const s = await seed();
    const res = await call(bulk.POST, { token: s.agent.apiAccessToken, params: { account_id: s.account.id }, body: { type: "Conversation", ids: [s.mine[0].displayId, s.secret.displayId], fields: { status: "resolved" } } });
    expect(res.body).toMatchObject({ total: 2, done: 2, failed: 1 });
    expect((await statusOf(s.secret.id)).s).toBe("open");
    expect((await statusOf(s.mine[0].id)).s).toBe("resolved");
  });

  it("rejects what it would otherwise ignore (unknown fields, an empty change, other types) with 422", async () => {
    const s = await seed();
    const unknown = await call(bulk.POST, { token: s.agent.apiAccessToken, params: { account_id: s.account.id }, body: { type: "Conversation", ids: [s.mine[0].displayId], fields: { priority: "high" } } });
    expect(unknown.status).toBe(422);
    const nothing = await call(bulk.POST, { token: s.agent.apiAccessToken, params: { account_id: s.account.id }, body: { type: "Conversation", ids: [s.mine[0].displayId], fields: {} } });
    expect(nothing.status).toBe(422);
    const contact = await call(bulk.POST, { token: s.agent.apiAccessToken, params: { account_id: s.account.id }, body: { type: "Contact", ids: [1] } });
    expect(contact.status).toBe(422);
  });

  it("changes all conversations matching a filter in a job, and reports progress per chunk", async () => {
    const s = await seed();
    const extra = await Promise.all(Array.from({ length: 30 }, () => f.createConversation(db(), s.account.id, s.inbox.id, { priority: "low" })));
    const res = await call(bulk.POST, {
      token: s.admin.apiAccessToken,
      params: { account_id: s.account.id },
      body: { type: "Conversation", filter: [{ attribute_key: "priority", filter_operator: "equal_to", values: ["low"] }], fields: { status: "resolved" } },
    });
    expect(res.body).toMatchObject({ queued: true });
    await expect
      .poll(async () => (await listConversations(db(), userActor(s.admin.id), s.account.id, { status: "resolved" })).meta.allCount, { timeout: 30_000, interval: 200 })
      .toBe(30);
    expect((await statusOf(extra[0].id)).s).toBe("resolved");
    expect((await statusOf(s.mine[0].id)).s).toBe("open");

    // The same run called directly: progress after each chunk of 25.
    const seen: number[] = [];
    const again = await applyBulkAction(db(), userActor(s.admin.id), s.account.id, { filter: [{ attribute_key: "priority", filter_operator: "equal_to", values: ["low"] }], status: "open" }, (p) => {
      seen.push(p.done);
    });
    expect(again).toEqual({ total: 30, done: 30, failed: 0 });
    expect(seen).toEqual([25, 30]);
  });

  it("marks conversations unread and read again", async () => {
    const s = await seed();
    const c = s.mine[0];
    await f.createMessage(db(), c, { content: "hello" });
    await applyBulkAction(db(), userActor(s.agent.id), s.account.id, { ids: [c.displayId], read: "read" });
    let row = (await listConversations(db(), userActor(s.agent.id), s.account.id, { assigneeType: "all" })).conversations.find((x) => x.id === c.id);
    expect(row?.unreadCount).toBe(0);
    await applyBulkAction(db(), userActor(s.agent.id), s.account.id, { ids: [c.displayId], read: "unread" });
    row = (await listConversations(db(), userActor(s.agent.id), s.account.id, { assigneeType: "all" })).conversations.find((x) => x.id === c.id);
    expect(row?.unreadCount).toBe(1);
  });
});
