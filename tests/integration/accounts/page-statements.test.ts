import { describe, expect, it, vi } from "vitest";
import { currentSessionUser } from "@/lib/auth/session-version";
import { revokeSession } from "@/lib/auth/sessions";
import { userActor } from "@/lib/auth/actor";
import { searchContacts } from "@/lib/contacts/contacts";
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
      // The open tabs' counts come from the maintained counters, not from counting conversations.
      expect(statements.filter((s) => /count\(\*\) from "conversations"/.test(s.text))).toHaveLength(0);
    }
  });

  it("the open list's tab counts equal a count of the conversations, and other statuses still count them", async () => {
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
    });
    expect(statements.filter((s) => /count\(\*\) from "conversations"/.test(s.text))).toHaveLength(1);
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
});
