import { describe, expect, it, vi } from "vitest";
import { currentSessionUser } from "@/lib/auth/session-version";
import { revokeSession } from "@/lib/auth/sessions";
import { userActor } from "@/lib/auth/actor";
import { searchContacts } from "@/lib/contacts/contacts";
import { createDashboardApp, deleteDashboardApp } from "@/lib/dashboard-apps/manage";
import { dashboardAppFrameOrigins } from "@/lib/dashboard-apps/app-context";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { notifications } from "@/db/schema";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useWireRecording } from "@/tests/support/wire-recording";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";

// The loaders are server-only modules; here they run in Node as the server would run them.
vi.mock("server-only", () => ({}));

const { accountContextFor } = await import("@/app/_server/account-context");
const { loadAccountLayout } = await import("@/app/(dashboard)/app/accounts/[accountId]/load-layout");
const { loadConversationsScreen } = await import("@/app/(dashboard)/app/accounts/[accountId]/_conversations/load-screen");

/**
 * The fixed work of every signed-in list page, counted on the wire: each statement is a socket
 * write and a round trip in the server that ten agents share. The session check runs on every
 * request (Auth.js calls it in the proxy and again in the page).
 */
const db = useTestDatabase();
const recordAll = useWireRecording();
/** The app's own statements (a new pool connection's type lookup is postgres.js's, once per connection). */
const record = (work: () => Promise<unknown>) => recordAll(work, { appOnly: true });

const inboxListReads = (statements: RecordedStatement[]) => statements.filter((s) => /^select "inboxes"\."id", "inboxes"\."account_id"/.test(s.text.trim()));

describe("fixed statements of signed-in pages and searches", () => {
  it("the layout and the conversations screen read the visible inboxes once between them", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    const conversation = await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, assigneeId: w.agent.id });
    await f.createMessage(db(), conversation);
    for (const user of [w.admin, w.agent]) {
      const statements = await record(async () => {
        const ctx = await accountContextFor({ actor: { kind: "user", userId: user.id }, userId: user.id }, String(w.account.id));
        // Next renders the layout and the page of one request side by side, with the same context.
        const [layout, screen] = await Promise.all([loadAccountLayout(ctx), loadConversationsScreen(ctx, { accountId: String(w.account.id) }, {})]);
        expect(layout.inboxes.map((i) => i.id)).toEqual([w.inbox.id]);
        expect(screen.inboxes.map((i) => i.id)).toEqual([w.inbox.id]);
        expect(screen.list.meta.allCount).toBe(1);
      });
      expect(inboxListReads(statements)).toHaveLength(1);
      // The sidebar and the screen's organize data share one read of the labels and of the teams.
      expect(statements.filter((s) => /^select .* from "labels"/.test(s.text.trim()))).toHaveLength(1);
      // The teams come with the member's own membership in the same statement.
      expect(statements.filter((s) => /^select .* from "teams"/.test(s.text.trim()))).toHaveLength(1);
      expect(statements.filter((s) => /team_members/.test(s.text))).toHaveLength(1);
      expect(statements.filter((s) => /team_members/.test(s.text) && !/^select .* from "teams"/.test(s.text.trim()))).toHaveLength(0);
      // The whole list page's fixed work (session, profile, sidebar with its Mentions count and
      // saved views, bell, list, counts, organize).
      // The account's lists are read cold here (kept between requests once warm: account-lists-cache.test.ts);
      // the bell and the counts are one batched statement, the page's rows another beside it (lib/request-batch.ts,
      // the "page" lane). 12 before the batch.
      expect(statements.length).toBeLessThanOrEqual(10);
      const rowsRead = statements.filter((s) => /json_agg\(s\)/.test(s.text));
      expect(rowsRead).toHaveLength(1);
      // The rows alone in their statement; the small reads (bell, counters) together in another.
      expect(rowsRead[0].text).not.toMatch(/notifications/);
      expect(statements.filter((s) => /notifications/.test(s.text))).toHaveLength(1);
      // The open tabs' counts come from the maintained counters, not from counting conversations.
      expect(statements.filter((s) => /count\(\*\) from "conversations"/.test(s.text))).toHaveLength(0);
    }
  });

  it("every status's tab counts equal a count of the conversations, read from the counters, not by counting conversations", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    const make = (status: "open" | "resolved", assigneeId: number | null) => f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, status, assigneeId });
    await Promise.all([make("open", w.agent.id), make("open", null), make("open", null), make("open", w.admin.id), make("resolved", w.agent.id)]);
    const { listConversations } = await import("@/lib/conversations/list-conversations");
    const asAgent = userActor(w.agent.id);
    expect((await listConversations(db(), asAgent, w.account.id, { status: "open" })).meta).toEqual({ mineCount: 1, unassignedCount: 2, allCount: 4 });
    expect((await listConversations(db(), userActor(w.admin.id), w.account.id, { status: "open", inboxId: w.inbox.id })).meta).toEqual({ mineCount: 1, unassignedCount: 2, allCount: 4 });
    const statements = await record(async () => {
      expect((await listConversations(db(), asAgent, w.account.id, { status: "resolved" })).meta).toEqual({ mineCount: 1, unassignedCount: 0, allCount: 1 });
      expect((await listConversations(db(), asAgent, w.account.id, { status: "all", sortBy: "created_at_asc" })).meta).toEqual({ mineCount: 2, unassignedCount: 2, allCount: 5 });
      expect((await listConversations(db(), asAgent, w.account.id, { status: "pending" })).meta).toEqual({ mineCount: 0, unassignedCount: 0, allCount: 0 });
    });
    expect(statements.filter((s) => /count\(\*\) from "conversations"/.test(s.text))).toHaveLength(0);
    // A filter the counters do not know (priority) still counts the conversations.
    const narrowed = await record(async () => {
      expect((await listConversations(db(), asAgent, w.account.id, { status: "resolved", priority: ["urgent"] })).meta).toEqual({ mineCount: 0, unassignedCount: 0, allCount: 0 });
    });
    expect(narrowed.filter((s) => /count\(\*\) from "conversations"/.test(s.text))).toHaveLength(1);
  });

  it("the session check is one statement, and still refuses a signed-out session and an old session version", async () => {
    const user = await f.createUser(db());
    const sessionId = crypto.randomUUID();
    const statements = await record(async () => {
      expect(await currentSessionUser(db(), user.id, user.sessionVersion, sessionId)).toMatchObject({ id: user.id, email: user.email });
    });
    expect(statements).toHaveLength(1);
    expect(await currentSessionUser(db(), user.id, user.sessionVersion + 1, sessionId)).toBeNull();
    await revokeSession(db(), { sessionId, userId: user.id, expiresAt: new Date(Date.now() + 60_000) });
    expect(await currentSessionUser(db(), user.id, user.sessionVersion, sessionId)).toBeNull();
    expect(await currentSessionUser(db(), user.id, user.sessionVersion, crypto.randomUUID())).not.toBeNull();
    expect(await currentSessionUser(db(), user.id + 1000, user.sessionVersion, sessionId)).toBeNull();
  });

  it("a contact search that matches under the cap is one statement (one pass over the trigram indexes)", async () => {
    const w = await f.createWorkspace(db());
    for (const name of ["Ada Lovelace", "Ada Byron", "Grace Hopper"]) await f.createContact(db(), w.account.id, { name });
    let found: Awaited<ReturnType<typeof searchContacts>> | undefined;
    const statements = await record(async () => {
      found = await searchContacts(db(), userActor(w.admin.id), w.account.id, { q: "ada" });
    });
    expect(found).toMatchObject({ count: 2, countCapped: false });
    expect(found?.contacts.map((c) => c.name).sort()).toEqual(["Ada Byron", "Ada Lovelace"]);
    expect(statements.filter((s) => /from "contacts"/.test(s.text))).toHaveLength(1);
  });

  it("the bell's page and unread count are one statement, and right past the last page too", async () => {
    const w = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    const base = Date.parse("2026-01-01T00:00:00Z");
    const rows = Array.from({ length: 5 }, (_, i) => ({
      accountId: w.account.id,
      userId: w.agent.id,
      notificationType: "conversation_mention" as const,
      title: `n${i}`,
      createdAt: new Date(base + i * 1000),
      readAt: i < 2 ? new Date(base + 10_000) : null,
    }));
    await db().insert(notifications).values([...rows, { ...rows[0], accountId: other.account.id, userId: other.agent.id, title: "elsewhere" }]);
    let first: Awaited<ReturnType<typeof listNotifications>> | undefined;
    const statements = await record(async () => {
      first = await listNotifications(db(), userActor(w.agent.id), w.account.id, { perPage: 2 });
    });
    expect(first).toMatchObject({ unreadCount: 3, count: 5, page: 1 });
    expect(first?.items.map((n) => n.title)).toEqual(["n4", "n3"]);
    expect(first?.items[0].createdAt).toEqual(new Date(base + 4000));
    expect(statements.filter((s) => /from "notifications"/.test(s.text))).toHaveLength(1);
    const past = await listNotifications(db(), userActor(w.agent.id), w.account.id, { perPage: 2, page: 4 });
    expect(past).toMatchObject({ items: [], unreadCount: 3, count: 5, page: 4 });
    expect(await listNotifications(db(), userActor(w.admin.id), w.account.id)).toMatchObject({ items: [], unreadCount: 0, count: 0 });
  });

  it("the proxy asks nothing about dashboard apps for an account without any, and sees a new app at once", async () => {
    const w = await f.createWorkspace(db());
    const stranger = await f.createWorkspace(db());
    expect(await dashboardAppFrameOrigins(db(), w.agent.id, w.account.id)).toEqual([]);
    const again = await record(async () => {
      expect(await dashboardAppFrameOrigins(db(), w.agent.id, w.account.id)).toEqual([]);
    });
    expect(again).toHaveLength(0);
    const app = await createDashboardApp(db(), userActor(w.admin.id), w.account.id, { title: "CRM", content: [{ type: "frame", url: "https://crm.example.com/frame" }] });
    expect(await dashboardAppFrameOrigins(db(), w.agent.id, w.account.id)).toEqual(["https://crm.example.com"]);
    // Only a member learns where the account's apps live.
    expect(await dashboardAppFrameOrigins(db(), stranger.agent.id, w.account.id)).toEqual([]);
    await deleteDashboardApp(db(), userActor(w.admin.id), w.account.id, app.id);
    expect(await dashboardAppFrameOrigins(db(), w.agent.id, w.account.id)).toEqual([]);
  });
});
