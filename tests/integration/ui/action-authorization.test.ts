import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountUsers, accounts, contacts, conversations, inboxMembers, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { runActionAs } from "@/app/_server/action";
import { assignAction, sendMessageAction, setStatusAction } from "@/app/_server/actions/conversations";
import { updateContactAction } from "@/app/_server/actions/contacts";
import {
  addInboxMemberAction,
  createInboxAction,
  removeAgentAction,
  updateAccountAction,
  updateAgentAction,
} from "@/app/_server/actions/settings";
import { inviteAgentAction } from "@/app/_server/actions/invitations";
import { createLabelAction } from "@/app/_server/actions/organize";
import { createCustomRole } from "@/lib/roles/custom-roles";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

/**
 * The UI's server actions, run as a given signed-in user (only reading the session cookie is
 * replaced): an agent cannot read or change another account's data, nor a conversation of an
 * inbox they are not a member of, and cannot do administrators' work. Each refusal is checked
 * in the database too: nothing changed.
 */
const db = useTestDatabase();
const as = (userId: number) => ({ actor: userActor(userId), userId });

async function world() {
  const a = await f.createWorkspace(db(), { accountName: "Account A" });
  const otherInbox = await f.createInbox(db(), a.account.id, { name: "VIP", memberIds: [a.admin.id] });
  const own = await f.createConversation(db(), a.account.id, a.inbox.id);
  const hidden = await f.createConversation(db(), a.account.id, otherInbox.id);
  const b = await f.createWorkspace(db(), { accountName: "Account B" });
  const foreign = await f.createConversation(db(), b.account.id, b.inbox.id);
  return { a, b, otherInbox, own, hidden, foreign };
}

const messageCount = async (conversationId: number) =>
  (await db().select({ id: messages.id }).from(messages).where(eq(messages.conversationId, conversationId))).length;

describe("UI actions: what an agent can and cannot do", () => {
  it("lets an agent work conversations of their inboxes", async () => {
    const { a, own } = await world();
    const agent = as(a.agent.id);
    const sent = await runActionAs(sendMessageAction, agent, { accountId: a.account.id, displayId: own.displayId, content: "On it", private: false });
    expect(sent.ok).toBe(true);
    expect(await runActionAs(setStatusAction, agent, { accountId: a.account.id, displayId: own.displayId, status: "resolved" })).toEqual({
      ok: true,
      data: { status: "resolved" },
    });
    expect(await runActionAs(assignAction, agent, { accountId: a.account.id, displayId: own.displayId, assigneeId: a.agent.id })).toEqual({
      ok: true,
      data: { assigneeId: a.agent.id },
    });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, own.id));
    expect(row).toMatchObject({ status: "resolved", assigneeId: a.agent.id });
  });

  it("answers not found for a conversation of an inbox the agent is not a member of, and changes nothing", async () => {
    const { a, hidden } = await world();
    const agent = as(a.agent.id);
    const target = { accountId: a.account.id, displayId: hidden.displayId };
    expect(await runActionAs(sendMessageAction, agent, { ...target, content: "peek", private: true })).toEqual({ ok: false, error: "Conversation not found" });
    expect(await runActionAs(setStatusAction, agent, { ...target, status: "resolved" })).toEqual({ ok: false, error: "Conversation not found" });
    expect(await runActionAs(assignAction, agent, { ...target, assigneeId: a.agent.id })).toEqual({ ok: false, error: "Conversation not found" });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, hidden.id));
    expect(row).toMatchObject({ status: "open", assigneeId: null });
    expect(await messageCount(hidden.id)).toBe(0);
  });

  it("answers not found for another account's conversations and contacts, even to its administrator", async () => {
    const { a, b, foreign } = await world();
    for (const user of [as(a.agent.id), as(a.admin.id)]) {
      const target = { accountId: b.account.id, displayId: foreign.displayId };
      expect(await runActionAs(sendMessageAction, user, { ...target, content: "hi", private: false })).toEqual({ ok: false, error: "Account not found" });
      expect(await runActionAs(setStatusAction, user, { ...target, status: "resolved" })).toEqual({ ok: false, error: "Account not found" });
      expect(await runActionAs(assignAction, user, { ...target, assigneeId: null })).toEqual({ ok: false, error: "Account not found" });
      const contact = await db().select().from(contacts).where(eq(contacts.id, foreign.contactId));
      expect(
        await runActionAs(updateContactAction, user, { accountId: b.account.id, contactId: foreign.contactId, name: "Mine now", email: "", phoneNumber: "" }),
      ).toEqual({ ok: false, error: "Account not found" });
      // Through their own account, the other account's contact does not exist.
      expect(
        await runActionAs(updateContactAction, user, { accountId: a.account.id, contactId: foreign.contactId, name: "Mine now", email: "", phoneNumber: "" }),
      ).toEqual({ ok: false, error: "Contact not found" });
      expect((await db().select().from(contacts).where(eq(contacts.id, foreign.contactId)))[0]?.name).toBe(contact[0]?.name);
    }
    const [row] = await db().select().from(conversations).where(eq(conversations.id, foreign.id));
    expect(row).toMatchObject({ status: "open", assigneeId: null });
    expect(await messageCount(foreign.id)).toBe(0);
  });

  it("keeps account settings to administrators", async () => {
    const { a, otherInbox } = await world();
    const agent = as(a.agent.id);
    const refused = { ok: false, error: "Only administrators can do that" };
    expect(await runActionAs(updateAccountAction, agent, { accountId: a.account.id, name: "Hijacked" })).toEqual(refused);
    expect(await runActionAs(inviteAgentAction, agent, { accountId: a.account.id, name: "Eve", email: "eve@example.test", role: "administrator" })).toEqual(refused);
    expect(await runActionAs(removeAgentAction, agent, { accountId: a.account.id, userId: a.admin.id })).toEqual(refused);
    expect(await runActionAs(createInboxAction, agent, { accountId: a.account.id, name: "Mine" })).toEqual(refused);
    // Adding themselves to an inbox would reveal its conversations.
    expect(await runActionAs(addInboxMemberAction, agent, { accountId: a.account.id, inboxId: otherInbox.id, userId: a.agent.id })).toEqual(refused);
    const promoted = await runActionAs(updateAgentAction, agent, { accountId: a.account.id, userId: a.agent.id, role: "administrator" });
    expect(promoted.ok).toBe(false);

    const [account] = await db().select().from(accounts).where(eq(accounts.id, a.account.id));
    expect(account?.name).toBe("Account A");
    const [membership] = await db().select().from(accountUsers).where(and(eq(accountUsers.accountId, a.account.id), eq(accountUsers.userId, a.agent.id)));
    expect(membership?.role).toBe("agent");
    const vipMembers = await db().select().from(inboxMembers).where(eq(inboxMembers.inboxId, otherInbox.id));
    expect(vipMembers.map((m) => m.userId)).toEqual([a.admin.id]);

    // Their own availability is theirs to set.
    expect(await runActionAs(updateAgentAction, agent, { accountId: a.account.id, userId: a.agent.id, availability: "busy" })).toMatchObject({
      ok: true,
      data: { availability: "busy" },
    });
  });

  it("shows the domain's refusals to administrators: removing themselves or the last administrator", async () => {
    const { a } = await world();
    const admin = as(a.admin.id);
    expect(await runActionAs(removeAgentAction, admin, { accountId: a.account.id, userId: a.admin.id })).toEqual({
      ok: false,
      error: "You cannot remove yourself from the account",
    });
    expect(await runActionAs(updateAgentAction, admin, { accountId: a.account.id, userId: a.admin.id, role: "agent" })).toEqual({
      ok: false,
      error: "The last verified administrator cannot be made an agent",
    });
    const invited = await runActionAs(inviteAgentAction, admin, { accountId: a.account.id, name: "Carol", email: "carol@example.test", role: "agent" });
    // An invitation, never a password: Carol chooses hers from the emailed link.
    expect(invited).toEqual({ ok: true, data: { email: "carol@example.test" } });
  });

  it("refuses a signed-out caller and malformed input without touching the database", async () => {
    const { a, own } = await world();
    expect(await runActionAs(sendMessageAction, null, { accountId: a.account.id, displayId: own.displayId, content: "hi", private: false })).toEqual({
      ok: false,
      error: "Your session has ended, sign in again",
    });
    const malformed = await runActionAs(setStatusAction, as(a.agent.id), {
      accountId: a.account.id,
      displayId: own.displayId,
      status: "deleted" as "open",
    });
    expect(malformed.ok).toBe(false);
    expect(await runActionAs(sendMessageAction, as(a.agent.id), { accountId: a.account.id, displayId: own.displayId, content: "   ", private: false })).toEqual({
      ok: false,
      error: "Content can't be blank",
      fieldErrors: { content: "Content can't be blank" },
    });
    expect(await messageCount(own.id)).toBe(0);
  });
});

describe("UI actions: a member with a custom role", () => {
  it("works only the conversations the role shows, and only the settings areas it opens", async () => {
    const { a, own } = await world();
    const role = await createCustomRole(db(), userActor(a.admin.id), a.account.id, { name: "Triage", permissions: ["conversation_unassigned_manage", "label_manage"] });
    expect(await runActionAs(updateAgentAction, as(a.admin.id), { accountId: a.account.id, userId: a.agent.id, customRoleId: role.id })).toMatchObject({ ok: true });
    const agent = as(a.agent.id);
    // A colleague's conversation of their own inbox: not found, unchanged.
    const colleague = await f.createAgent(db(), a.account.id, { name: "Cleo Colleague" });
    await db().update(conversations).set({ assigneeId: colleague.id }).where(eq(conversations.id, own.id));
    const target = { accountId: a.account.id, displayId: own.displayId };
    expect(await runActionAs(sendMessageAction, agent, { ...target, content: "peek", private: true })).toEqual({ ok: false, error: "Conversation not found" });
    expect(await runActionAs(assignAction, agent, { ...target, assigneeId: a.agent.id })).toEqual({ ok: false, error: "Conversation not found" });
    expect(await messageCount(own.id)).toBe(0);
    // Unassigned again: theirs to work.
    await db().update(conversations).set({ assigneeId: null }).where(eq(conversations.id, own.id));
    expect((await runActionAs(sendMessageAction, agent, { ...target, content: "On it", private: false })).ok).toBe(true);
    // Labels yes; contacts and inboxes no (a plain agent may edit contacts, this role may not).
    expect((await runActionAs(createLabelAction, agent, { accountId: a.account.id, title: "triage", description: "", color: "#1f93ff", showOnSidebar: true })).ok).toBe(true);
    expect(await runActionAs(updateContactAction, agent, { accountId: a.account.id, contactId: own.contactId, name: "Renamed", email: "", phoneNumber: "" })).toEqual({
      ok: false,
      error: "Your role does not allow this (contacts)",
    });
    expect((await runActionAs(createInboxAction, agent, { accountId: a.account.id, name: "Mine" })).ok).toBe(false);
  });
});
