import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeAgent, updateAgent } from "@/lib/accounts/agents";
import { userActor } from "@/lib/auth/actor";
import { setInboxMembers } from "@/lib/inboxes/members";
import { createMessage } from "@/lib/messages/create-message";
import { inboxChannel, userChannel } from "@/lib/realtime/channels";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type TestClient } from "../../support/realtime";

/**
 * Review M1: an agent removed from an inbox kept receiving its private notes on the socket they
 * had subscribed with. Revoking access (removal from the inbox or the account, a role change)
 * ends the user's connections at once; pusher-js reconnects and gets back only the channels
 * /api/pusher/auth still allows. Real pusher-js clients against the embedded server.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();

let w: Awaited<ReturnType<typeof factories.createWorkspace>>;
const clients: TestClient[] = [];
const admin = () => userActor(w.admin.id);

beforeEach(async () => {
  w = await factories.createWorkspace(db());
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

async function subscribed(userId: number, channels: string[]) {
  const client = await connectAs(realtime().port, db, userId);
  clients.push(client);
  for (const channel of channels) await client.subscribe(channel);
  return client;
}

async function postNote(text: string) {
  const conversation = await factories.createConversation(db(), w.account.id, w.inbox.id);
  await createMessage(db(), admin(), w.account.id, conversation.displayId, { content: text, private: true });
}

const noteArrived = (client: TestClient, text: string) =>
  client.received.some((e) => e.name === "message.created" && JSON.stringify(e.data).includes(text));

/** After a revocation the client reconnects (new socket id) and re-subscribes what it may. */
async function reconnected(client: TestClient, before: string | undefined) {
  await expect.poll(() => client.pusher.connection.state === "connected" && client.pusher.connection.socket_id !== before, { timeout: 5_000 }).toBe(true);
  await settle(300);
}

describe("realtime access is revoked at once", () => {
  it("an agent removed from the inbox stops receiving its private notes, and keeps their own channel", async () => {
    const inbox = inboxChannel(w.account.id, w.inbox.id);
    const agent = await subscribed(w.agent.id, [inbox, userChannel(w.agent.id)]);
    const watcher = await subscribed(w.admin.id, [inbox]);
    await postNote("before removal");
    await agent.waitFor((e) => e.name === "message.created");

    const socket = agent.pusher.connection.socket_id;
    await setInboxMembers(db(), admin(), w.account.id, w.inbox.id, { userIds: [] });
    await reconnected(agent, socket);
    await postNote("secret after removal");
    await watcher.waitFor((e) => e.name === "message.created" && JSON.stringify(e.data).includes("secret after removal"));
    await settle();
    expect(noteArrived(agent, "secret after removal")).toBe(false);
    // Re-subscribing asked /api/pusher/auth again: the inbox is refused now, the user channel not.
    expect(agent.pusher.channel(inbox)?.subscribed).toBe(false);
    expect(agent.pusher.channel(userChannel(w.agent.id))?.subscribed).toBe(true);
  });

  it("an agent removed from the account stops receiving the inbox's notes", async () => {
    const inbox = inboxChannel(w.account.id, w.inbox.id);
    const agent = await subscribed(w.agent.id, [inbox]);
    const watcher = await subscribed(w.admin.id, [inbox]);
    const socket = agent.pusher.connection.socket_id;
    await removeAgent(db(), admin(), w.account.id, w.agent.id);
    await reconnected(agent, socket);
    await postNote("secret after leaving");
    await watcher.waitFor((e) => e.name === "message.created" && JSON.stringify(e.data).includes("secret after leaving"));
    await settle();
    expect(noteArrived(agent, "secret after leaving")).toBe(false);
  });

  it("an administrator made an agent stops receiving inboxes they are not a member of", async () => {
    const second = await factories.createAgent(db(), w.account.id, { role: "administrator", name: "Sam Second" });
    const inbox = inboxChannel(w.account.id, w.inbox.id);
    const demoted = await subscribed(second.id, [inbox]);
    const watcher = await subscribed(w.admin.id, [inbox]);
    await postNote("while admin");
    await demoted.waitFor((e) => e.name === "message.created");
    const socket = demoted.pusher.connection.socket_id;
    await updateAgent(db(), admin(), w.account.id, second.id, { role: "agent" });
    await reconnected(demoted, socket);
    await postNote("secret after demotion");
    await watcher.waitFor((e) => e.name === "message.created" && JSON.stringify(e.data).includes("secret after demotion"));
    await settle();
    expect(noteArrived(demoted, "secret after demotion")).toBe(false);
  });
});
