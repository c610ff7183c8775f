import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as rolesRoute from "@/app/api/v1/accounts/[account_id]/custom_roles/route";
import * as roleRoute from "@/app/api/v1/accounts/[account_id]/custom_roles/[id]/route";
import * as agentRoute from "@/app/api/v1/accounts/[account_id]/agents/[id]/route";
import * as conversationsRoute from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as conversationRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import { accountUsers } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { PERMISSIONS, type Permission } from "@/lib/accounts/permissions";
import { createContact, listContacts } from "@/lib/contacts/contacts";
import { addFollowers } from "@/lib/conversations/participants";
import { getConversation } from "@/lib/conversations/get-conversation";
import { countConversations, listConversations } from "@/lib/conversations/list-conversations";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { createPortal } from "@/lib/help-center/portals";
import { createDashboardApp } from "@/lib/dashboard-apps/manage";
import { createLabel } from "@/lib/labels/labels";
import { authorizeChannel } from "@/lib/realtime/authorize-channel";
import { inboxChannel } from "@/lib/realtime/channels";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { searchConversations } from "@/lib/search/search-conversations";
import { createTeam } from "@/lib/teams/teams";
import { updateInbox } from "@/lib/inboxes/inboxes";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

/**
 * Custom roles: Chatwoot's API shapes, and each permission on and off against what it guards —
 * which conversations a member sees (list, tab counts, sidebar counts, search, the conversation
 * itself, the API, the live channel) and which settings areas they may change.
 */
const db = useTestDatabase();

async function world(permissions: Permission[]) {
  const w = await f.createWorkspace(db());
  const role = await createCustomRole(db(), userActor(w.admin.id), w.account.id, { name: `Role ${permissions.join("+") || "none"}`, permissions });
  const member = await f.createAgent(db(), w.account.id, { name: "Rita Role" });
  await f.addInboxMember(db(), w.account.id, w.inbox.id, member.id);
  await updateAgent(db(), userActor(w.admin.id), w.account.id, member.id, { customRoleId: role.id });
  const mine = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: member.id });
  const unassigned = await f.createConversation(db(), w.account.id, w.inbox.id);
  const others = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
  const followed = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
  await addFollowers(db(), w.account.id, followed.id, [member.id]);
  for (const c of [mine, unassigned, others, followed]) await f.createMessage(db(), c, { content: "refund please" });
  return { ...w, role, member, c: { mine, unassigned, others, followed } };
}

type World = Awaited<ReturnType<typeof world>>;
const names = (w: World, ids: number[]) =>
  Object.entries(w.c)
    .filter(([, c]) => ids.includes(c.displayId))
    .map(([name]) => name)
    .sort();

async function whatTheySee(w: World) {
  const actor = userActor(w.member.id);
  const list = await listConversations(db(), actor, w.account.id, { status: "open" });
  const search = await searchConversations(db(), actor, w.account.id, { q: "refund" });
  const api = await call(conversationsRoute.GET, { token: w.member.apiAccessToken, params: { account_id: w.account.id }, query: { status: "open" } });
  const shown: string[] = [];
  for (const [name, c] of Object.entries(w.c)) {
    const ok = await getConversation(db(), actor, w.account.id, c.displayId).then(
      () => true,
      () => false,
    );
    const res = await call(conversationRoute.GET, { token: w.member.apiAccessToken, params: { account_id: w.account.id, conversation_id: c.displayId } });
    expect(res.status === 200).toBe(ok);
    if (ok) shown.push(name);
  }
  return {
    list: names(w, list.conversations.map((c) => c.displayId)),
    meta: list.meta,
    counts: await countConversations(db(), actor, w.account.id, { status: "open" }),
    sidebar: (await sidebarCounts(db(), actor, w.account.id)).views.all.total,
    search: names(w, search.conversations.map((c) => c.displayId)),
    api: names(w, api.body.data.payload.map((c: { id: number }) => c.id)),
    shown: shown.sort(),
  };
}

describe("conversation permissions: what a member with a custom role sees", () => {
  const cases: [Permission[], string[]][] = [
    [["conversation_manage"], ["followed", "mine", "others", "unassigned"]],
    [["conversation_unassigned_manage"], ["mine", "unassigned"]],
    [["conversation_participating_manage"], ["followed", "mine"]],
    [["conversation_unassigned_manage", "conversation_participating_manage"], ["followed", "mine", "unassigned"]],
    [[], []],
  ];
  for (const [permissions, expected] of cases) {
    it(`${permissions.join(" + ") || "no conversation permission"}: ${expected.join(", ") || "nothing"} — in the list, counts, search, page and API alike`, async () => {
      const w = await world(permissions);
      const seen = await whatTheySee(w);
      expect(seen.list).toEqual(expected);
      expect(seen.search).toEqual(expected);
      expect(seen.api).toEqual(expected);
      expect(seen.shown).toEqual(expected);
      expect(seen.meta.allCount).toBe(expected.length);
      expect(seen.counts.allCount).toBe(expected.length);
      expect(seen.sidebar).toBe(expected.length);
      expect(seen.meta.mineCount).toBe(expected.includes("mine") ? 1 : 0);
      expect(seen.meta.unassignedCount).toBe(expected.includes("unassigned") ? 1 : 0);
    });
  }

  it("refuses the inbox's live channel to a member whose role narrows what they see, allows it with conversation_manage", async () => {
    const narrow = await world(["conversation_unassigned_manage"]);
    await expect(authorizeChannel(db(), userActor(narrow.member.id), inboxChannel(narrow.account.id, narrow.inbox.id))).rejects.toMatchObject({ code: "forbidden" });
    const full = await world(["conversation_manage"]);
    await expect(authorizeChannel(db(), userActor(full.member.id), inboxChannel(full.account.id, full.inbox.id))).resolves.toBeUndefined();
  });
});

describe("settings permissions: each one opens its area and nothing else", () => {
  const attempts: Record<string, (w: World, actorId: number) => Promise<unknown>> = {
    contact_manage: (w, id) => createContact(db(), userActor(id), w.account.id, { name: "New person", email: `p${Date.now()}@x.test` }).then(() => listContacts(db(), userActor(id), w.account.id)),
    knowledge_base_manage: (w, id) => createPortal(db(), userActor(id), w.account.id, { name: "Docs", slug: `docs-${Date.now()}` }),
    team_manage: (w, id) => createTeam(db(), userActor(id), w.account.id, { name: `Team ${Date.now()}` }),
    label_manage: (w, id) => createLabel(db(), userActor(id), w.account.id, { title: `l${Date.now()}` }),
    integration_manage: (w, id) => createDashboardApp(db(), userActor(id), w.account.id, { title: "Orders", content: [{ type: "frame", url: "https://orders.example.com" }] }),
    inbox_manage: (w, id) => updateInbox(db(), userActor(id), w.account.id, w.inbox.id, { name: "Support desk" }),
  };
  for (const [permission, attempt] of Object.entries(attempts)) {
    it(`${permission}: allowed with it, forbidden without it`, async () => {
      const withIt = await world(["conversation_manage", permission as Permission]);
      await expect(attempt(withIt, withIt.member.id)).resolves.toBeDefined();
      const without = await world(["conversation_manage", ...PERMISSIONS.filter((p) => p !== permission && p !== "conversation_manage")]);
      await expect(attempt(without, without.member.id)).rejects.toMatchObject({ code: "forbidden" });
    });
  }
});

describe("custom roles API (Chatwoot's /custom_roles)", () => {
  it("creates, lists, shows, updates and deletes with Chatwoot's shapes; administrators only", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const created = await call(rolesRoute.POST, {
      token: w.admin.apiAccessToken,
      params,
      body: { custom_role: { name: "Tier 1", description: "Front line", permissions: ["conversation_unassigned_manage", "contact_manage"] } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "Tier 1", description: "Front line", permissions: ["conversation_unassigned_manage", "contact_manage"] });
    expect(Object.keys(created.body).sort()).toEqual(["created_at", "description", "id", "name", "permissions", "updated_at"]);
    const id = created.body.id;
    expect((await call(rolesRoute.GET, { token: w.agent.apiAccessToken, params })).body).toEqual([created.body]);
    expect((await call(roleRoute.GET, { token: w.admin.apiAccessToken, params: { ...params, id } })).body).toEqual(created.body);

    const refused = await call(rolesRoute.POST, { token: w.agent.apiAccessToken, params, body: { name: "Sneaky", permissions: ["conversation_manage"] } });
    expect(refused.status).toBe(403);
    const unknown = await call(rolesRoute.POST, { token: w.admin.apiAccessToken, params, body: { name: "Bad", permissions: ["billing_manage"] } });
    expect(unknown.status).toBe(422);

    const assigned = await call(agentRoute.PATCH, { token: w.admin.apiAccessToken, params: { ...params, id: w.agent.id }, body: { custom_role_id: id } });
    expect(assigned.body).toMatchObject({ role: "agent", custom_role_id: id });

    const deleted = await call(roleRoute.DELETE, { token: w.admin.apiAccessToken, params: { ...params, id } });
    expect(deleted.status).toBe(200);
    const [membership] = await db().select().from(accountUsers).where(eq(accountUsers.userId, w.agent.id));
    expect(membership.customRoleId).toBeNull();
  });
});
