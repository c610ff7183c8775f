import { describe, expect, it, vi } from "vitest";
import { GET as listConversationsRoute } from "@/app/api/v1/accounts/[account_id]/conversations/route";
import { GET as conversationMetaRoute } from "@/app/api/v1/accounts/[account_id]/conversations/meta/route";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useWireRecording } from "@/tests/support/wire-recording";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import { call } from "../api/call";

// The loaders are server-only modules; here they run in Node as the server would run them.
vi.mock("server-only", () => ({}));

const { accountContextFor } = await import("@/app/_server/account-context");
const { loadAccountLayout } = await import("@/app/(dashboard)/app/accounts/[accountId]/load-layout");
const { loadConversationsScreen } = await import("@/app/(dashboard)/app/accounts/[accountId]/_conversations/load-screen");
const { loadContactScreen, loadContactsScreen } = await import("@/app/(dashboard)/app/accounts/[accountId]/contacts/load-contacts");

/**
 * One request resolves the caller's access once: the page's layout and screen loaders share the
 * membership the account context read, and the API reads the token and the membership in one
 * statement. Every statement the app sends goes through a wire recorder in front of PostgreSQL.
 */
const db = useTestDatabase();
const record = useWireRecording();

/** Reads of a user's membership (the access check, or the profile: the user with their accounts). */
const membershipReads = (statements: RecordedStatement[]) => statements.filter((s) => /\bfrom "account_users"|join "account_list_versions"/i.test(s.text));
/** Reads of the inboxes an agent belongs to (the other half of the access check). */
const inboxMembershipReads = (statements: RecordedStatement[]) => statements.filter((s) => /\bfrom "inbox_members" where .*"user_id" =/i.test(s.text));

async function workspace() {
  const w = await f.createWorkspace(db());
  const contact = await f.createContact(db(), w.account.id);
  const conversation = await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, assigneeId: w.agent.id });
  await f.createMessage(db(), conversation);
  await f.createMessage(db(), conversation, { messageType: "outgoing" });
  return { ...w, contact, conversation };
}

describe("the access check, once per request", () => {
  it("a conversation page (layout + screen) reads the agent's membership once and their inboxes once", async () => {
    const { account, agent, conversation } = await workspace();
    const statements = await record(async () => {
      const ctx = await accountContextFor({ actor: { kind: "user", userId: agent.id }, userId: agent.id }, String(account.id));
      // Next renders the layout and the page of one request side by side, with the same context.
      const [layout, screen] = await Promise.all([
        loadAccountLayout(ctx),
        loadConversationsScreen(ctx, { accountId: String(account.id), displayId: String(conversation.displayId) }, {}),
      ]);
      expect(screen.thread?.messages.length).toBe(2);
      expect(layout.counts.views.mine).toEqual({ unread: 1, total: 1 });
    });
    expect(membershipReads(statements).map((s) => s.text)).toHaveLength(1);
    expect(inboxMembershipReads(statements).map((s) => s.text)).toHaveLength(1);
  });

  it("the contacts pages do the same", async () => {
    const { account, admin, contact } = await workspace();
    const actor = { actor: { kind: "user" as const, userId: admin.id }, userId: admin.id };
    for (const screen of [
      (ctx: Awaited<ReturnType<typeof accountContextFor>>) => loadContactsScreen(ctx, { q: "", page: 1 }),
      (ctx: Awaited<ReturnType<typeof accountContextFor>>) => loadContactsScreen(ctx, { q: "contact", page: 1 }),
      (ctx: Awaited<ReturnType<typeof accountContextFor>>) => loadContactScreen(ctx, contact.id),
    ]) {
      const statements = await record(async () => {
        const ctx = await accountContextFor(actor, String(account.id));
        await Promise.all([loadAccountLayout(ctx), screen(ctx)]);
      });
      expect(membershipReads(statements)).toHaveLength(1);
    }
  });

  it("the API reads the token and the membership in one statement, for members and strangers alike", async () => {
    const { account, agent } = await workspace();
    const stranger = await f.createUser(db());
    for (const route of [listConversationsRoute, conversationMetaRoute]) {
      let response: { status: number } | undefined;
      const statements = await record(async () => {
        response = await call(route, { token: agent.apiAccessToken, params: { account_id: account.id } });
      });
      expect(response?.status).toBe(200);
      const auth = statements.filter((s) => /"api_access_token_hash"/.test(s.text));
      expect(auth).toHaveLength(1);
      expect(auth[0].text).toMatch(/join "account_users"/i);
      expect(membershipReads(statements)).toHaveLength(0);
      expect(inboxMembershipReads(statements)).toHaveLength(1);
    }
    const refused = await record(async () => {
      expect((await call(listConversationsRoute, { token: stranger.apiAccessToken, params: { account_id: account.id } })).status).toBe(404);
    });
    expect(refused).toHaveLength(1);
  });

  it("outside a request nothing is remembered: a role taken away counts at the next call", async () => {
    const { account, agent } = await workspace();
    const { sidebarCounts } = await import("@/lib/conversations/sidebar-counts");
    const actor = { kind: "user" as const, userId: agent.id };
    await sidebarCounts(db(), actor, account.id);
    await db().execute(`delete from account_users where account_id = ${account.id} and user_id = ${agent.id}`);
    await expect(sidebarCounts(db(), actor, account.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
