import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, conversations, labels, teams } from "@/db/schema";
import { runActionAs } from "@/app/_server/action";
import {
  assignTeamAction,
  createDefinitionAction,
  createLabelAction,
  createTeamAction,
  setContactAttributeAction,
  setConversationAttributeAction,
  setConversationLabelsAction,
  updatePriorityAction,
} from "@/app/_server/actions/organize";
import { userActor } from "@/lib/auth/actor";
import { createLabel } from "@/lib/labels/labels";
import { createTeam } from "@/lib/teams/teams";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();
const as = (userId: number) => ({ actor: userActor(userId), userId });

describe("the UI's label, team, priority and attribute actions", () => {
  it("agents organize conversations they can see; only administrators define; nobody reaches another inbox or account", async () => {
    const a = await f.createWorkspace(db());
    const own = await f.createConversation(db(), a.account.id, a.inbox.id);
    const vip = await f.createInbox(db(), a.account.id, { name: "VIP", memberIds: [a.admin.id] });
    const hidden = await f.createConversation(db(), a.account.id, vip.id);
    const b = await f.createWorkspace(db());
    await createLabel(db(), userActor(a.admin.id), a.account.id, { title: "billing" });
    const team = await createTeam(db(), userActor(a.admin.id), a.account.id, { name: "Finance" });
    const agent = as(a.agent.id);
    const mine = { accountId: a.account.id, displayId: own.displayId };

    expect(await runActionAs(setConversationLabelsAction, agent, { ...mine, labels: ["billing"] })).toEqual({ ok: true, data: null });
    expect(await runActionAs(assignTeamAction, agent, { ...mine, teamId: team.id })).toEqual({ ok: true, data: null });
    expect(await runActionAs(updatePriorityAction, agent, { ...mine, priority: "high" })).toEqual({ ok: true, data: null });
    expect(await runActionAs(setConversationAttributeAction, agent, { ...mine, key: "plan", value: "pro" })).toEqual({ ok: true, data: null });
    expect(await runActionAs(setContactAttributeAction, agent, { accountId: a.account.id, contactId: own.contactId, key: "tier", value: 2 })).toEqual({ ok: true, data: null });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, own.id));
    expect(row).toMatchObject({ teamId: team.id, priority: "high", customAttributes: { plan: "pro" } });
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, own.contactId));
    expect(contact.customAttributes).toEqual({ tier: 2 });
    // Removing a value keeps the others.
    await runActionAs(setConversationAttributeAction, agent, { ...mine, key: "plan", value: null });
    expect((await db().select().from(conversations).where(eq(conversations.id, own.id)))[0].customAttributes).toEqual({});

    const hiddenTarget = { accountId: a.account.id, displayId: hidden.displayId };
    expect(await runActionAs(setConversationLabelsAction, agent, { ...hiddenTarget, labels: ["billing"] })).toEqual({ ok: false, error: "Conversation not found" });
    expect(await runActionAs(updatePriorityAction, agent, { ...hiddenTarget, priority: "urgent" })).toEqual({ ok: false, error: "Conversation not found" });
    expect((await db().select().from(conversations).where(eq(conversations.id, hidden.id)))[0].priority).toBeNull();

    expect((await runActionAs(createLabelAction, agent, { accountId: a.account.id, title: "mine", description: "", color: "#000000", showOnSidebar: true })).ok).toBe(false);
    expect((await runActionAs(createTeamAction, agent, { accountId: a.account.id, name: "Mine", description: "", allowAutoAssign: true })).ok).toBe(false);
    expect(
      (await runActionAs(createDefinitionAction, agent, {
        accountId: a.account.id, attributeKey: "x", attributeModel: "conversation_attribute", attributeDisplayName: "X", attributeDescription: "",
        attributeDisplayType: "text", attributeValues: [], regexPattern: "", regexCue: "",
      })).ok,
    ).toBe(false);
    expect((await db().select().from(labels).where(eq(labels.accountId, a.account.id))).map((l) => l.title)).toEqual(["billing"]);
    expect((await db().select().from(teams).where(eq(teams.accountId, a.account.id))).map((t) => t.name)).toEqual(["Finance"]);

    // Another account's user, and another account's team.
    expect(await runActionAs(setConversationLabelsAction, as(b.admin.id), { ...mine, labels: [] })).toEqual({ ok: false, error: "Account not found" });
    const foreignTeam = await createTeam(db(), userActor(b.admin.id), b.account.id, { name: "Theirs" });
    expect(await runActionAs(assignTeamAction, agent, { ...mine, teamId: foreignTeam.id })).toEqual({ ok: false, error: "Team not found" });
  });
});
