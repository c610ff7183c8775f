import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as contactsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/route";
import * as conversationsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/route";
import * as messagesRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/messages/route";
import * as typingRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_typing_status/route";
import { channelApi } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { setEnvVar } from "@/lib/env";
import { createMessage } from "@/lib/messages/create-message";
import { pusherAuthResponse, pusherUserAuthResponse } from "@/lib/realtime/auth-route";
import { contactChannel, inboxChannel } from "@/lib/realtime/channels";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";
import { connectAs, connectClient, settle, useRealtimeServer, type ReceivedEvent, type TestClient } from "../../support/realtime";
import { request } from "./request";

/**
 * Realtime for Client API contacts: a real pusher-js client, authorized only by its pubsub_token
 * through the very functions behind POST /api/pusher/auth and /api/pusher/user-auth (no session),
 * against the embedded Pusher-protocol server, receives its own conversation's public events.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();

const form = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return new Request("http://localhost:3000/api/pusher/auth", { method: "POST", body });
};
async function answer(response: Response) {
  const body = (await response.json()) as { auth: string; user_data?: string; error?: string };
  if (response.status !== 200) throw new Error(`${response.status}: ${body.error}`);
  return body as { auth: string; user_data: string };
}

/** A customer-facing client: signs in with its pubsub_token and asks for channels without a session. */
const connectContact = (pubsubToken: string) =>
  connectClient(realtime().port, async (socketId, channelName) => answer(await pusherAuthResponse(null, form({ socket_id: socketId, channel_name: channelName }))), {
    signin: async (socketId) => answer(await pusherUserAuthResponse(null, form({ socket_id: socketId, pubsub_token: pubsubToken }))),
  });

let w: Awaited<ReturnType<typeof f.createWorkspace>>;
let identifier: string;
const clients: TestClient[] = [];
beforeAll(async () => {
  setEnvVar("CLIENT_API_CONTACT_RATE_LIMIT", "1000");
  setEnvVar("CLIENT_API_INBOX_RATE_LIMIT", "1000");
  w = await f.createWorkspace(db());
  const [channel] = await db().select().from(channelApi).where(eq(channelApi.id, w.inbox.channelId));
  identifier = channel.identifier;
});
afterAll(() => clients.forEach((c) => c.disconnect()));

async function contactWithConversation() {
  const contact = (await request(contactsRoute.POST, { params: { inbox_identifier: identifier }, body: { name: "Carol" } })).body;
  const p = { inbox_identifier: identifier, contact_identifier: contact.source_id as string };
  const conversation = (await request(conversationsRoute.POST, { params: p, body: {} })).body;
  const client = await connectContact(contact.pubsub_token);
  clients.push(client);
  await client.subscribe(contactChannel(contact.pubsub_token));
  return { contact, conversation, client, p: { ...p, conversation_id: conversation.id as number } };
}

const named = (name: string, match: (data: Record<string, unknown>) => boolean = () => true) => (e: ReceivedEvent) =>
  e.name === name && match(e.data as Record<string, unknown>);

describe("contact realtime", () => {
  it("sees the agent's reply, typing and status on its own channel, never private notes", async () => {
    const carol = await contactWithConversation();
    const dan = await contactWithConversation();
    const displayId = carol.conversation.id as number;

    await request(messagesRoute.POST, { params: carol.p, body: { content: "Where is my order?" } });
    await createMessage(db(), userActor(w.agent.id), w.account.id, displayId, { content: "internal: check the warehouse", private: true });
    await createMessage(db(), userActor(w.agent.id), w.account.id, displayId, { content: "It ships today" });

    const reply = await carol.client.waitFor(named("message.created", (d) => d.content === "It ships today"));
    expect(reply.data).toMatchObject({
      content: "It ships today",
      message_type: 1,
      conversation_id: displayId,
      sender: { type: "user", name: "Bob Agent" },
      conversation: { id: displayId, status: "open" },
    });
    // Its own message is echoed too (other devices of the same contact).
    await carol.client.waitFor(named("message.created", (d) => d.content === "Where is my order?"));

    const typing = await call(typingRoute.POST, {
      token: w.agent.apiAccessToken,
      params: { account_id: w.account.id, conversation_id: displayId },
      body: { typing_status: "on" },
    });
    expect(typing.status).toBe(200);
    await carol.client.waitFor(named("conversation.typing_on", (d) => (d.user as { name: string }).name === "Bob Agent"));
    await call(typingRoute.POST, {
      token: w.agent.apiAccessToken,
      params: { account_id: w.account.id, conversation_id: displayId },
      body: { typing_status: "off", is_private: true },
    });

    await toggleStatus(db(), userActor(w.agent.id), w.account.id, displayId, { status: "resolved" });
    await carol.client.waitFor(named("conversation.status_changed", (d) => d.status === "resolved" && d.id === displayId));

    await settle();
    expect(JSON.stringify(carol.client.received)).not.toContain("warehouse");
    expect(carol.client.received.some((e) => e.name === "conversation.typing_off")).toBe(false);
    // Another contact of the same inbox heard nothing of Carol's conversation.
    expect(dan.client.received).toEqual([]);
  });

  it("a message sent with echo_id comes back with it, in the answer and on the contact's channel", async () => {
    const carol = await contactWithConversation();
    const sent = await request(messagesRoute.POST, { params: carol.p, body: { content: "Sent from my phone", echo_id: "tmp-42" } });
    expect(sent.body.echo_id).toBe("tmp-42");
    const echoed = await carol.client.waitFor(named("message.created", (d) => d.content === "Sent from my phone"));
    expect(echoed.data).toMatchObject({ id: sent.body.id, echo_id: "tmp-42" });
    // A message without one carries none.
    await createMessage(db(), userActor(w.agent.id), w.account.id, carol.conversation.id as number, { content: "Got it" });
    const reply = await carol.client.waitFor(named("message.created", (d) => d.content === "Got it"));
    expect(reply.data).not.toHaveProperty("echo_id");
  });

  it("a pubsub_token opens only its own channel; agents and other tokens cannot subscribe there", async () => {
    const carol = await contactWithConversation();
    const dan = await contactWithConversation();
    // Carol's client asking for Dan's channel needs Dan's token in the name: a made-up one is refused.
    await expect(carol.client.subscribe(contactChannel("A".repeat(32)))).rejects.toThrow(/subscription refused/);
    // No session: the inbox's agent channel is refused.
    await expect(carol.client.subscribe(inboxChannel(w.account.id, w.inbox.id))).rejects.toThrow(/subscription refused/);
    // An administrator of the account cannot listen to a contact's channel either.
    const admin = await connectAs(realtime().port, db, w.admin.id);
    clients.push(admin);
    await expect(admin.subscribe(contactChannel(dan.contact.pubsub_token))).rejects.toThrow(/subscription refused/);
    // A sign-in with an unknown token is refused.
    const refused = await pusherUserAuthResponse(null, form({ socket_id: "1.1", pubsub_token: "B".repeat(32) }));
    expect(refused.status).toBe(403);
  });
});
