import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { channelEmail, inboxes } from "@/db/schema";
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
 * The account's rarely changing lists (labels, teams with the member's membership, attribute
 * definitions, saved views, the inboxes the member sees) are remembered per process between page
 * requests and read again once a database trigger has bumped the account's version: every write
 * below is plain SQL, as another server process (or a job) would commit it, so nothing in this
 * process is told.
 */
const db = useTestDatabase();
const recordAll = useWireRecording();
const record = (work: () => Promise<unknown>) => recordAll(work, { appOnly: true });

const LIST_TABLES = ["labels", "teams", "custom_filters", "custom_attribute_definitions", "inbox_members", "inboxes"];
const readsOf = (statements: RecordedStatement[], table: string) => statements.filter((s) => new RegExp(`^\\s*select .* from "${table}"`).test(s.text));

async function loadPage(userId: number, accountId: number) {
  const ctx = await accountContextFor({ actor: { kind: "user", userId }, userId }, String(accountId));
  const [layout, screen] = await Promise.all([loadAccountLayout(ctx), loadConversationsScreen(ctx, { accountId: String(accountId) }, {})]);
  return { layout, screen };
}

describe("the account layout's lists, remembered until the account's version moves", () => {
  it("a second page of the same member reads none of the lists, and sees every change committed elsewhere", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id });
    const account = w.account.id;
    const agent = w.agent.id;
    const [team] = await db().execute<{ id: number }>(sql`insert into teams (account_id, name) values (${account}, 'Billing') returning id`);
    await db().execute(sql`insert into labels (account_id, title) values (${account}, 'vip')`);

    await loadPage(agent, account);
    let page!: Awaited<ReturnType<typeof loadPage>>;
    const warm = await record(async () => {
      page = await loadPage(agent, account);
    });
    for (const table of LIST_TABLES) expect(readsOf(warm, table), table).toHaveLength(0);
    // The profile, then the page's rows and, beside them, one statement for the rest: bell,
    // Mentions count, sidebar and tab counters (lib/request-batch.ts, the "page" lane).
    expect(warm).toHaveLength(3);
    expect(warm.filter((s) => /json_agg\(s\)/.test(s.text))).toHaveLength(1);
    expect(page.layout.labels.map((l) => l.title)).toEqual(["vip"]);
    expect(page.layout.teams).toMatchObject([{ id: team.id, name: "Billing", isMember: false }]);
    expect(page.screen.inboxes.map((i) => i.id)).toEqual([w.inbox.id]);
    expect(page.screen.list.meta.allCount).toBe(1);

    // Round-robin bookkeeping on inbox_members is not a change of the lists.
    await db().execute(sql`update inbox_members set last_auto_assigned_at = now() where user_id = ${agent}`);
    expect(await record(() => loadPage(agent, account)).then((s) => readsOf(s, "labels"))).toHaveLength(0);

    await db().execute(sql`insert into labels (account_id, title, color, show_on_sidebar) values (${account}, 'urgent-billing', '#ff0000', true)`);
    page = await loadPage(agent, account);
    expect(page.layout.labels.map((l) => l.title)).toEqual(["urgent-billing", "vip"]);
    expect(page.screen.organize.labels.map((l) => l.title)).toEqual(["urgent-billing", "vip"]);

    await db().execute(sql`insert into team_members (account_id, team_id, user_id) values (${account}, ${team.id}, ${agent})`);
    await db().execute(sql`update teams set name = 'Billing EU' where id = ${team.id}`);
    page = await loadPage(agent, account);
    expect(page.layout.teams).toMatchObject([{ id: team.id, name: "Billing EU", isMember: true }]);

    await db().execute(sql`insert into custom_filters (account_id, user_id, name, filter_type, query) values (${account}, ${agent}, 'Mine open', 'conversation', '{"payload":[]}')`);
    page = await loadPage(agent, account);
    expect(page.layout.views.map((v) => v.name)).toEqual(["Mine open"]);

    await db().execute(
      sql`insert into custom_attribute_definitions (account_id, attribute_model, attribute_key, attribute_display_name, attribute_display_type) values (${account}, 'conversation_attribute', 'plan', 'Plan', 'text')`,
    );
    page = await loadPage(agent, account);
    expect(page.screen.organize.definitions.map((d) => d.key)).toEqual(["plan"]);

    await db().execute(sql`update inboxes set name = 'Support desk' where id = ${w.inbox.id}`);
    page = await loadPage(agent, account);
    expect(page.layout.inboxes.map((i) => i.name)).toEqual(["Support desk"]);

    // Losing the inbox takes its conversations away at once: the access check's inbox list is the cached one too.
    await db().execute(sql`delete from inbox_members where user_id = ${agent} and inbox_id = ${w.inbox.id}`);
    page = await loadPage(agent, account);
    expect(page.layout.inboxes).toEqual([]);
    expect(page.screen.list.conversations).toEqual([]);
    expect(page.screen.list.meta.allCount).toBe(0);
  });

  it("an administrator's warm page is three statements too (the profile, the rows, the small reads), with the bell, counts and reconnect banner right", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, assigneeId: w.admin.id });
    await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id });
    const [channel] = await db()
      .insert(channelEmail)
      .values({ accountId: w.account.id, email: "mailroom@lists-cache.test", forwardingToken: "lists-cache-mailroom", health: "reconnect_needed" })
      .returning();
    const [mailroom] = await db().insert(inboxes).values({ accountId: w.account.id, name: "Mailroom", channelType: "email", channelId: channel.id }).returning();
    await db().execute(
      sql`insert into notifications (account_id, user_id, notification_type, title, body, read_at) values
        (${w.account.id}, ${w.admin.id}, 'conversation_assignment', 'older', '', now()), (${w.account.id}, ${w.admin.id}, 'conversation_mention', 'newer', '', null)`,
    );

    await loadPage(w.admin.id, w.account.id);
    let page!: Awaited<ReturnType<typeof loadPage>>;
    const warm = await record(async () => {
      page = await loadPage(w.admin.id, w.account.id);
    });
    expect(warm).toHaveLength(3);
    expect(page.layout.reconnect).toEqual([{ id: mailroom.id, name: "Mailroom" }]);
    expect(page.layout.notifications).toMatchObject({ count: 2, unreadCount: 1 });
    expect(page.layout.notifications.items.map((n) => [n.title, n.readAt instanceof Date, n.createdAt instanceof Date])).toEqual([
      ["newer", false, true],
      ["older", true, true],
    ]);
    expect(page.layout.counts.views.all).toEqual({ unread: 0, total: 2 });
    expect(page.layout.counts.views.mine.total).toBe(1);
    expect(page.screen.list.meta).toEqual({ mineCount: 1, unassignedCount: 1, allCount: 2 });
  });

  it("keeps members and accounts apart, and follows a change of role", async () => {
    const w = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    await db().execute(sql`insert into labels (account_id, title) values (${other.account.id}, 'elsewhere')`);
    await db().execute(sql`insert into custom_filters (account_id, user_id, name, filter_type, query) values (${w.account.id}, ${w.admin.id}, 'Admin view', 'conversation', '{"payload":[]}')`);
    const contact = await f.createContact(db(), w.account.id);
    const secondInbox = await f.createInbox(db(), w.account.id, { name: "Sales" });
    await f.createConversation(db(), w.account.id, secondInbox.id, { contactId: contact.id });

    await loadPage(w.admin.id, w.account.id);
    const asAgent = await loadPage(w.agent.id, w.account.id);
    // The administrator's cached lists (every inbox) are not the agent's (their inboxes only).
    expect(asAgent.layout.inboxes.map((i) => i.id)).toEqual([w.inbox.id]);
    expect(asAgent.layout.labels).toEqual([]);
    expect(asAgent.layout.views).toEqual([]);
    expect(asAgent.screen.list.meta.allCount).toBe(0);

    await db().execute(sql`update account_users set role = 'administrator' where user_id = ${w.agent.id} and account_id = ${w.account.id}`);
    const promoted = await loadPage(w.agent.id, w.account.id);
    expect(promoted.layout.inboxes.map((i) => i.id).sort()).toEqual([w.inbox.id, secondInbox.id].sort());
    expect(promoted.screen.list.meta.allCount).toBe(1);
  });
});
