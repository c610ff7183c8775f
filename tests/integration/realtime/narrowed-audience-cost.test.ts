import { afterAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import { emitContactTyping } from "@/lib/realtime/contact-events";
import { createCustomRole } from "@/lib/roles/custom-roles";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, useRealtimeServer, type TestClient } from "../../support/realtime";
import { useWireRecording } from "../../support/wire-recording";

/**
 * What live updates for narrowed custom roles cost after a commit: nothing for an account where
 * nobody's role narrows (once its answer is cached), one query per conversation per commit where
 * someone's does.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const record = useWireRecording();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

const rolesLookups = (s: RecordedStatement[]) => s.filter((x) => /select distinct .*"custom_roles"/s.test(x.text));
const audienceReads = (s: RecordedStatement[]) => s.filter((x) => /from "conversations" left join "inbox_members"/.test(x.text));

async function watch(userId: number, channel: string) {
  const client = await connectAs(realtime().port, db, userId);
  clients.push(client);
  await client.subscribe(channel);
  return client;
}

describe("the cost of live updates for narrowed roles", () => {
  it("adds no query to an account without custom roles once its answer is cached", async () => {
    const w = await f.createWorkspace(db());
    const watcher = await watch(w.agent.id, inboxChannel(w.account.id, w.inbox.id));
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    const first = await record(() => toggleStatus(db(), userActor(w.agent.id), w.account.id, c.displayId, { status: "pending" }));
    expect(rolesLookups(first).length).toBeLessThanOrEqual(1);

    const later = await record(async () => {
      await toggleStatus(db(), userActor(w.agent.id), w.account.id, c.displayId, { status: "open" });
      await assignConversation(db(), userActor(w.agent.id), w.account.id, c.displayId, { assigneeId: w.agent.id });
      await createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "hello" });
    });
    expect(rolesLookups(later)).toEqual([]);
    expect(audienceReads(later)).toEqual([]);
    await watcher.waitFor((e) => e.name === "message.created");
  });

  it("adds no query to typing and inbox-level events either, in an account without custom roles", async () => {
    const w = await f.createWorkspace(db());
    const watcher = await watch(w.agent.id, inboxChannel(w.account.id, w.inbox.id));
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    await toggleStatus(db(), userActor(w.agent.id), w.account.id, c.displayId, { status: "pending" });
    const later = await record(async () => {
      await emitContactTyping({ ...c, contactId: c.contactId }, "on");
      await setInboxAgentBot(db(), userActor(w.admin.id), w.account.id, w.inbox.id, null);
    });
    expect(rolesLookups(later)).toEqual([]);
    expect(audienceReads(later)).toEqual([]);
    expect(later.filter((x) => /from "inbox_members" inner join "account_users"/.test(x.text))).toEqual([]);
    await watcher.waitFor((e) => e.name === "inbox.agent_bot_changed");
  });

  it("reads the audience once per conversation per commit where a member's role narrows", async () => {
    const w = await f.createWorkspace(db());
    const role = await createCustomRole(db(), userActor(w.admin.id), w.account.id, { name: "Own only", permissions: ["conversation_participating_manage"] });
    const member = await f.createAgent(db(), w.account.id, { name: "Rita Role" });
    await f.addInboxMember(db(), w.account.id, w.inbox.id, member.id);
    await updateAgent(db(), userActor(w.admin.id), w.account.id, member.id, { customRoleId: role.id });
    const client = await watch(member.id, memberChannel(w.account.id, member.id));
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: member.id });

    // A message and its row event: one commit, one audience read.
    const reply = await record(() => createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "hello" }));
    expect(audienceReads(reply)).toHaveLength(1);
    await client.waitFor((e) => e.name === "conversation.updated");

    const again = await record(() => toggleStatus(db(), userActor(w.agent.id), w.account.id, c.displayId, { status: "resolved" }));
    expect(audienceReads(again)).toHaveLength(1);
    expect(rolesLookups(again)).toEqual([]);
    await client.waitFor((e) => e.name === "conversation.status_changed");
  });
});
