import { afterAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { createMacro, executeMacro } from "@/lib/automation/macros";
import { createLabel } from "@/lib/labels/labels";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import type { ConversationPayload, MessagePayload } from "@/lib/realtime/payloads";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { createTeam } from "@/lib/teams/teams";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type ReceivedEvent, type TestClient } from "../../support/realtime";

/**
 * A macro run (the bulk bar's, or on one conversation) publishes one row event per conversation,
 * carrying its state after every action, instead of one per action: counted on the wire.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

const ROW_EVENTS = new Set(["conversation.created", "conversation.updated", "conversation.status_changed", "assignee.changed", "conversation.hidden"]);
const rowEventsOf = (client: TestClient, conversationId: number, channel?: string) =>
  client.received.filter((e: ReceivedEvent) => ROW_EVENTS.has(e.name) && (e.data as ConversationPayload).conversation.id === conversationId && (!channel || e.channel === channel));

async function watch(userId: number, channel: string) {
  const client = await connectAs(realtime().port, db, userId);
  clients.push(client);
  await client.subscribe(channel);
  return client;
}

async function setup() {
  const w = await f.createWorkspace(db());
  await createLabel(db(), userActor(w.admin.id), w.account.id, { title: "vip" });
  const team = await createTeam(db(), userActor(w.admin.id), w.account.id, { name: "Billing" });
  const macro = await createMacro(db(), userActor(w.admin.id), w.account.id, {
    name: "Escalate",
    visibility: "global",
    actions: [
      { action_name: "add_label", action_params: ["vip"] },
      { action_name: "assign_team", action_params: [team.id] },
      { action_name: "assign_agent", action_params: [w.agent.id] },
      { action_name: "change_priority", action_params: ["urgent"] },
      { action_name: "add_private_note", action_params: ["Escalated by macro"] },
      { action_name: "pending_conversation", action_params: [] },
    ],
  });
  return { ...w, team, macro };
}

describe("a macro run's live updates", () => {
  it("bulk: one row event per conversation, with the final state, and the note's message", async () => {
    const w = await setup();
    const watcher = await watch(w.admin.id, inboxChannel(w.account.id, w.inbox.id));
    const list = [];
    for (let i = 0; i < 3; i++) list.push(await f.createConversation(db(), w.account.id, w.inbox.id));
    await settle();
    watcher.received.length = 0;

    const run = await executeMacro(db(), userActor(w.admin.id), w.account.id, w.macro.id, { conversationIds: list.map((c) => c.displayId) });
    expect(run.results.flatMap((r) => r.actions.map((a) => a.status))).not.toContain("failed");
    for (const c of list) await watcher.waitFor((e) => e.name === "message.created" && (e.data as MessagePayload).message.conversationId === c.id);
    await settle(500);

    for (const c of list) {
      const rows = rowEventsOf(watcher, c.id);
      expect(rows.map((e) => e.name)).toHaveLength(1);
      expect((rows[0].data as ConversationPayload).conversation).toMatchObject({
        displayId: c.displayId,
        status: "pending",
        priority: "urgent",
        assignee: { id: w.agent.id },
        team: { id: w.team.id },
        labels: ["vip"],
      });
      const notes = watcher.received.filter((e) => e.name === "message.created" && (e.data as MessagePayload).message.conversationId === c.id);
      expect(notes).toHaveLength(1);
    }
  });

  it("one conversation: one row event on the inbox channel, and one on the member channel of a narrowed member who gains it", async () => {
    const w = await setup();
    const role = await createCustomRole(db(), userActor(w.admin.id), w.account.id, { name: "Own only", permissions: ["conversation_participating_manage"] });
    await f.addInboxMember(db(), w.account.id, w.inbox.id, w.admin.id);
    await updateAgent(db(), userActor(w.admin.id), w.account.id, w.agent.id, { customRoleId: role.id });
    const watcher = await watch(w.admin.id, inboxChannel(w.account.id, w.inbox.id));
    const member = await watch(w.agent.id, memberChannel(w.account.id, w.agent.id));
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    await settle();

    await executeMacro(db(), userActor(w.admin.id), w.account.id, w.macro.id, { conversationIds: [c.displayId] });
    await watcher.waitFor((e) => e.name === "message.created");
    await member.waitFor((e) => e.name === "message.created");
    await settle(500);

    expect(rowEventsOf(watcher, c.id)).toHaveLength(1);
    const gained = rowEventsOf(member, c.id);
    expect(gained).toHaveLength(1);
    expect((gained[0].data as ConversationPayload).conversation).toMatchObject({ status: "pending", assignee: { id: w.agent.id } });
  });
});
