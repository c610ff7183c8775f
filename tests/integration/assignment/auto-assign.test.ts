import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountUsers, conversations, customRoles, inboxes, messages, notifications, teamMembers, teams } from "@/db/schema";
import { assignViaRoundRobin, assignWaitingConversations } from "@/lib/assignment/auto-assign";
import { systemActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as inboxesRoute from "@/app/api/v1/accounts/[account_id]/inboxes/route";
import * as f from "@/tests/factories";
import { call } from "../api/call";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

type Presence = "online" | "busy" | "offline" | "stale";

async function setPresence(accountId: number, userId: number, presence: Presence) {
  const availability = presence === "stale" ? "online" : presence;
  const lastSeenAt = presence === "stale" ? sql`now() - interval '10 minutes'` : sql`now()`;
  await db().update(accountUsers).set({ availability, lastSeenAt }).where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
}

/** An account with an auto-assigning inbox and agents in the given presences, all members. */
async function desk(presences: Presence[], options: { limit?: number | null; enabled?: boolean } = {}) {
  const account = await f.createAccount(db());
  const agents = [];
  for (const [i, presence] of presences.entries()) {
    const agent = await f.createAgent(db(), account.id, { name: `Agent ${String.fromCharCode(65 + i)}` });
    await setPresence(account.id, agent.id, presence);
    agents.push(agent);
  }
  const inbox = await f.createInbox(db(), account.id, { memberIds: agents.map((a) => a.id) });
  await db()
    .update(inboxes)
    .set({ enableAutoAssignment: options.enabled ?? true, autoAssignmentLimit: options.limit ?? null })
    .where(eq(inboxes.id, inbox.id));
  return { account, agents, inbox };
}

/** Open, unassigned conversations waiting since one minute apart (the first is the oldest). */
async function waiting(accountId: number, inboxId: number, n: number, overrides: Partial<typeof conversations.$inferInsert> = {}) {
  const made = [];
  for (let i = 0; i < n; i++) {
    made.push(await f.createConversation(db(), accountId, inboxId, { waitingSince: new Date(Date.UTC(2026, 0, 1, 9, i)), ...overrides }));
  }
  return made;
}

async function assigneesOf(ids: number[]) {
  const rows = await db().select({ id: conversations.id, assigneeId: conversations.assigneeId }).from(conversations).where(sql`${conversations.id} in ${ids}`);
  const byId = new Map(rows.map((r) => [r.id, r.assigneeId]));
  return ids.map((id) => byId.get(id) ?? null);
}

describe("auto-assignment", () => {
  it("goes round-robin to online members, oldest conversation first, and says so", async () => {
    const { account, agents, inbox } = await desk(["online", "online", "online"]);
    const convs = await waiting(account.id, inbox.id, 5);
    // Made in reverse waiting order: the oldest waits longest and goes first.
    await db().update(conversations).set({ waitingSince: new Date(Date.UTC(2025, 11, 31)) }).where(eq(conversations.id, convs[4].id));

    const made = await assignWaitingConversations(db(), account.id, inbox.id);
    expect(made.map((m) => m.conversationId)).toEqual([convs[4].id, convs[0].id, convs[1].id, convs[2].id, convs[3].id]);
    const [a, b, c] = agents.map((x) => x.id);
    expect(made.map((m) => m.assigneeId)).toEqual([a, b, c, a, b]);

    // The order carries over to the next run: of the three, C was auto-assigned longest ago.
    const [next] = await waiting(account.id, inbox.id, 1);
    const again = await assignWaitingConversations(db(), account.id, inbox.id);
    expect(again).toEqual([{ conversationId: next.id, displayId: next.displayId, assigneeId: c }]);

    const lines = await db()
      .select({ content: messages.content })
      .from(messages)
      .where(and(eq(messages.conversationId, convs[4].id), eq(messages.messageType, "activity")));
    expect(lines.map((l) => l.content)).toEqual(["Assigned to Agent A by auto-assignment"]);
    const [notice] = await db().select().from(notifications).where(and(eq(notifications.userId, a), eq(notifications.conversationId, convs[4].id)));
    expect(notice).toMatchObject({ notificationType: "conversation_assignment" });
  });

  it("skips busy, offline and auto-offline agents", async () => {
    const { account, agents, inbox } = await desk(["busy", "offline", "stale", "online"]);
    const convs = await waiting(account.id, inbox.id, 3);
    await assignWaitingConversations(db(), account.id, inbox.id);
    expect(await assigneesOf(convs.map((c) => c.id))).toEqual([agents[3].id, agents[3].id, agents[3].id]);

    const nobody = await desk(["busy", "offline"]);
    const left = await waiting(nobody.account.id, nobody.inbox.id, 2);
    expect(await assignWaitingConversations(db(), nobody.account.id, nobody.inbox.id)).toEqual([]);
    expect(await assigneesOf(left.map((c) => c.id))).toEqual([null, null]);
  });

  it("keeps every agent within the inbox's capacity; the rest wait", async () => {
    const { account, agents, inbox } = await desk(["online", "online"], { limit: 2 });
    // Agent A already has one open conversation here (assigned by hand), and a resolved one that does not count.
    await f.createConversation(db(), account.id, inbox.id, { assigneeId: agents[0].id });
    await f.createConversation(db(), account.id, inbox.id, { assigneeId: agents[0].id, status: "resolved" });
    const convs = await waiting(account.id, inbox.id, 5);
    await assignWaitingConversations(db(), account.id, inbox.id);
    const [a, b] = agents.map((x) => x.id);
    expect(await assigneesOf(convs.map((c) => c.id))).toEqual([a, b, b, null, null]);
  });

  it("never puts an agent over capacity when conversations arrive at the same moment", async () => {
    const { account, agents, inbox } = await desk(["online", "online"], { limit: 3 });
    const convs = await waiting(account.id, inbox.id, 12);
    // One run per arrival, all at once (as parallel jobs or rule actions would).
    await Promise.all(convs.map((c) => assignWaitingConversations(db(), account.id, inbox.id, { conversationIds: [c.id] })));
    const assigned = await assigneesOf(convs.map((c) => c.id));
    for (const agent of agents) expect(assigned.filter((id) => id === agent.id)).toHaveLength(3);
    expect(assigned.filter((id) => id === null)).toHaveLength(6);
  });

  it("never changes a manual assignment, leaves a bot's pending conversations, and respects the switches", async () => {
    const { account, agents, inbox } = await desk(["online", "offline"]);
    const [manual] = await waiting(account.id, inbox.id, 1, { assigneeId: agents[1].id });
    const [pending] = await waiting(account.id, inbox.id, 1, { status: "pending" });
    const [snoozed] = await waiting(account.id, inbox.id, 1, { status: "snoozed" });
    expect(await assignWaitingConversations(db(), account.id, inbox.id)).toEqual([]);
    expect(await assigneesOf([manual.id, pending.id, snoozed.id])).toEqual([agents[1].id, null, null]);

    // Assigned by hand between the choice and the write: the locked re-check keeps the person's choice.
    const [raced] = await waiting(account.id, inbox.id, 1);
    await assignConversation(db(), systemActor("test"), account.id, raced.displayId, { assigneeId: agents[1].id });
    const kept = await assignConversation(db(), systemActor("auto-assignment"), account.id, raced.displayId, { assigneeId: agents[0].id }, { auto: true });
    expect(kept.assignee?.id).toBe(agents[1].id);

    const off = await desk(["online"], { enabled: false });
    const [untouched] = await waiting(off.account.id, off.inbox.id, 1);
    expect(await assignWaitingConversations(db(), off.account.id, off.inbox.id)).toEqual([]);
    // "Assign via round-robin" (automation) does not need the switch.
    expect(await assignViaRoundRobin(db(), off.account.id, untouched.id)).toMatchObject({ assigneeId: off.agents[0].id });
  });

  it("gives a team's conversation to a member of the team, when the team allows it", async () => {
    const { account, agents, inbox } = await desk(["online", "online"]);
    const [team, closed] = await db()
      .insert(teams)
      .values([
        { accountId: account.id, name: "Billing", allowAutoAssign: true },
        { accountId: account.id, name: "Legal", allowAutoAssign: false },
      ])
      .returning();
    await db().insert(teamMembers).values({ accountId: account.id, teamId: team.id, userId: agents[1].id });
    const [forTeam] = await waiting(account.id, inbox.id, 1, { teamId: team.id });
    const [forClosed] = await waiting(account.id, inbox.id, 1, { teamId: closed.id });
    const [plain] = await waiting(account.id, inbox.id, 1);
    const made = await assignWaitingConversations(db(), account.id, inbox.id);
    expect(made.map((m) => [m.conversationId, m.assigneeId])).toEqual([
      [forTeam.id, agents[1].id],
      [plain.id, agents[0].id],
    ]);
    expect(await assigneesOf([forClosed.id])).toEqual([null]);
  });

  it("is set per inbox with Chatwoot's enable_auto_assignment and auto_assignment_config", async () => {
    const w = await f.createWorkspace(db());
    const a = { account_id: w.account.id };
    const t = w.admin.apiAccessToken;
    const created = await call(inboxesRoute.POST, { token: t, params: a, body: { name: "Web", channel: { type: "api" } } });
    // Off unless asked for (existing inboxes kept their behaviour at the upgrade).
    expect(created.body).toMatchObject({ enable_auto_assignment: false, auto_assignment_config: {} });
    const params = { ...a, id: created.body.id };
    const patched = await call(inboxRoute.PATCH, { token: t, params, body: { enable_auto_assignment: true, auto_assignment_config: { max_assignment_limit: 3 } } });
    expect(patched.body).toMatchObject({ enable_auto_assignment: true, auto_assignment_config: { max_assignment_limit: 3 } });
    const [row] = await db().select().from(inboxes).where(eq(inboxes.id, created.body.id));
    expect(row).toMatchObject({ enableAutoAssignment: true, autoAssignmentLimit: 3 });
    // A blank limit (Chatwoot's form sends "") removes it; a field left out keeps it.
    await call(inboxRoute.PATCH, { token: t, params, body: { name: "Web 2" } });
    expect((await call(inboxRoute.GET, { token: t, params })).body.auto_assignment_config).toEqual({ max_assignment_limit: 3 });
    await call(inboxRoute.PATCH, { token: t, params, body: { auto_assignment_config: { max_assignment_limit: "" } } });
    expect((await call(inboxRoute.GET, { token: t, params })).body.auto_assignment_config).toEqual({});
    // Agents cannot change it.
    const refused = await call(inboxRoute.PATCH, { token: w.agent.apiAccessToken, params, body: { enable_auto_assignment: false } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it("never assigns a conversation to a member whose custom role sees no conversation", async () => {
    const { account, agents, inbox } = await desk(["online", "online"]);
    // Agent A's role grants only the help center: no conversation at all. Agent B's sees unassigned and own ones.
    const [helpOnly, triage] = await db()
      .insert(customRoles)
      .values([
        { accountId: account.id, name: "Writers", permissions: ["knowledge_base_manage"] },
        { accountId: account.id, name: "Triage", permissions: ["conversation_unassigned_manage"] },
      ])
      .returning();
    await db().update(accountUsers).set({ customRoleId: helpOnly.id }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, agents[0].id)));
    await db().update(accountUsers).set({ customRoleId: triage.id }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, agents[1].id)));
    const convs = await waiting(account.id, inbox.id, 3);
    await assignWaitingConversations(db(), account.id, inbox.id);
    expect(await assigneesOf(convs.map((c) => c.id))).toEqual([agents[1].id, agents[1].id, agents[1].id]);
  });
});
