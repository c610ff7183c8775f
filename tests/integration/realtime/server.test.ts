import Pusher from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { parseTypingFrame } from "@/components/realtime/typing-event";
import { signChannelAuth, signUserAuth } from "@/lib/realtime/signatures";
import { startRealtimeServer, type RealtimeServer } from "@/lib/realtime/server";
import { TEST_PUSHER_APP, connectClient, settle, type TestClient } from "../../support/realtime";

/**
 * The embedded Pusher-protocol server against the real `pusher` library (publishing over the
 * signed HTTP API) and the real pusher-js client (WebSocket protocol 7), with nothing faked.
 * Channel authorization here signs directly; the domain rules are in channel-auth.test.ts.
 */
let server: RealtimeServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startRealtimeServer({ ...TEST_PUSHER_APP, port: 0, host: "127.0.0.1", maxConnections: 8 });
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.close();
});

const publisher = (secret = TEST_PUSHER_APP.secret) =>
  new Pusher({ appId: TEST_PUSHER_APP.appId, key: TEST_PUSHER_APP.key, secret, host: "127.0.0.1", port: String(server.port), useTLS: false });

/**
 * A pusher-js client signed in as user `presenceUserId`, whose channel auth is signed with
 * `secret` (the right one unless given); on presence channels it joins as that user too.
 */
async function client(secret = TEST_PUSHER_APP.secret, presenceUserId = "0"): Promise<TestClient> {
  const app = { key: TEST_PUSHER_APP.key, secret };
  const c = await connectClient(
    server.port,
    async (socketId, channel) => {
      const channelData = channel.startsWith("presence-") ? JSON.stringify({ user_id: presenceUserId, user_info: { name: `User ${presenceUserId}` } }) : undefined;
      return signChannelAuth(app, socketId, channel, channelData);
    },
    { signin: async (socketId) => signUserAuth({ key: TEST_PUSHER_APP.key, secret: TEST_PUSHER_APP.secret }, socketId, JSON.stringify({ id: presenceUserId })) },
  );
  clients.push(c);
  return c;
}

/** A raw WebSocket speaking the protocol by hand, to see exactly what the server answers. */
async function rawSocket(path = `/app/${TEST_PUSHER_APP.key}?protocol=7`) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`);
  const messages: Array<{ event: string; channel?: string; data?: unknown }> = [];
  const waiters: Array<() => void> = [];
  ws.on("message", (raw) => {
    messages.push(JSON.parse(raw.toString()) as { event: string });
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.on("close", (code) => resolve({ code })));
  const next = async (event: string, ms = 2_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = messages.find((m) => m.event === event);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event}; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return { ws, messages, next, closed };
}

describe("embedded Pusher-protocol server", () => {
  it("hands out a socket id and activity timeout, and answers pings", async () => {
    const s = await rawSocket();
    const established = await s.next("pusher:connection_established");
    const data = JSON.parse(established.data as string) as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(120);
    s.ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    await s.next("pusher:pong");
    s.ws.close();
  });

  it("delivers what the pusher library publishes to subscribers of a private channel, once", async () => {
    const a = await client();
    await a.subscribe("private-room-1");
    await publisher().trigger("private-room-1", "message.created", { hello: "world" });
    const event = await a.waitFor((e) => e.name === "message.created");
    expect(event).toEqual({ channel: "private-room-1", name: "message.created", data: { hello: "world" } });
    await publisher().triggerBatch([
      { channel: "private-room-1", name: "one", data: { n: 1 } },
      { channel: "private-room-2", name: "two", data: { n: 2 } },
    ]);
    await a.waitFor((e) => e.name === "one");
    await settle(200);
    expect(a.received.map((e) => e.name)).toEqual(["message.created", "one"]);
  });

  it("refuses publications signed with the wrong secret, and delivers nothing", async () => {
    const a = await client();
    await a.subscribe("private-room-3");
    await expect(publisher("not-the-secret").trigger("private-room-3", "forged", { x: 1 })).rejects.toMatchObject({ status: 401 });
    await settle();
    expect(a.received).toEqual([]);
  });

  it("refuses a subscription whose signature is not made with the app secret", async () => {
    const forger = await client("guessed-secret");
    await expect(forger.subscribe("private-room-4")).rejects.toThrow(/subscription refused/);
    await publisher().trigger("private-room-4", "secret", { x: 1 });
    await settle();
    expect(forger.received).toEqual([]);
    expect(server.subscriberCount("private-room-4")).toBe(0);

    // A signature for another socket is refused too (the socket id is part of what is signed).
    const s = await rawSocket();
    await s.next("pusher:connection_established");
    const stolen = signChannelAuth(TEST_PUSHER_APP, "1234.5678", "private-room-4");
    s.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "private-room-4", auth: stolen.auth } }));
    const error = await s.next("pusher:error");
    expect(error.data).toMatchObject({ code: 4009 });
    s.ws.close();
  });

  it("refuses an unknown app key with 4001", async () => {
    const s = await rawSocket("/app/wrong-key?protocol=7");
    expect((await s.next("pusher:error")).data).toMatchObject({ code: 4001 });
    expect((await s.closed).code).toBe(4001);
  });

  it("presence channels list members and announce arrivals and departures; client events reach the others", async () => {
    const a = await client(undefined, "1");
    const b = await client(undefined, "2");
    const presence = "presence-account-1";
    const joined = await a.subscribe(presence);
    await b.subscribe(presence);
    await a.waitFor((e) => e.name === "pusher:member_added" && (e.data as { id: string }).id === "2");
    const channel = b.pusher.channel(presence);
    expect(channel.trigger("client-typing", { on: true })).toBe(true);
    const typing = await a.waitFor((e) => e.name === "client-typing");
    expect(typing.data).toEqual({ on: true });
    await settle(200);
    expect(b.received.filter((e) => e.name === "client-typing")).toEqual([]);
    b.disconnect();
    await a.waitFor((e) => e.name === "pusher:member_removed");
    expect((joined as unknown as { members: { count: number } }).members.count).toBe(1);
  });

  it("pings a silent client after the activity timeout and drops it when it does not answer", async () => {
    const quick = await startRealtimeServer({ ...TEST_PUSHER_APP, port: 0, host: "127.0.0.1", activityTimeoutSeconds: 1, pongTimeoutSeconds: 1 });
    try {
      const path = `/app/${TEST_PUSHER_APP.key}?protocol=7`;
      const silent = new WebSocket(`ws://127.0.0.1:${quick.port}${path}`);
      const events: string[] = [];
      silent.on("message", (raw) => events.push((JSON.parse(raw.toString()) as { event: string }).event));
      const closed = await new Promise<number>((resolve) => silent.on("close", (code) => resolve(code)));
      expect(closed).toBe(4201);
      expect(events).toEqual(["pusher:connection_established", "pusher:ping"]);
      // pusher-js answers pings, so it stays connected.
      const alive = await connectClient(quick.port, async () => ({ auth: "unused" }));
      await settle(3_000);
      expect(alive.pusher.connection.state).toBe("connected");
      alive.disconnect();
    } finally {
      await quick.close();
    }
  });

  it("bounds message size, event size and connections", async () => {
    const s = await rawSocket();
    await s.next("pusher:connection_established");
    s.ws.send(JSON.stringify({ event: "client-big", channel: "private-x", data: "x".repeat(20_000) }));
    expect((await s.closed).code).toBe(1009);

    await expect(publisher().trigger("private-room-5", "big", { text: "x".repeat(11_000) })).rejects.toMatchObject({ status: 413 });

    const open: Awaited<ReturnType<typeof rawSocket>>[] = [];
    while (server.connectionCount() < 8) {
      const extra = await rawSocket();
      await extra.next("pusher:connection_established");
      open.push(extra);
    }
    const refused = await rawSocket();
    expect((await refused.next("pusher:error")).data).toMatchObject({ code: 4100 });
    for (const o of open) o.ws.close();
  });
});

describe("who is connected (user authentication) and what they may do", () => {
  const signed = (socketId: string, id: string) => signUserAuth(TEST_PUSHER_APP, socketId, JSON.stringify({ id }));
  const socketIdOf = async (s: Awaited<ReturnType<typeof rawSocket>>) =>
    (JSON.parse((await s.next("pusher:connection_established")).data as string) as { socket_id: string }).socket_id;

  it("stamps client events with the signed-in user, whatever the payload claims", async () => {
    const boss = await client(undefined, "1");
    await boss.subscribe("private-account-1-inbox-1");
    const s = await rawSocket();
    const socketId = await socketIdOf(s);
    s.ws.send(JSON.stringify({ event: "pusher:signin", data: signed(socketId, "7") }));
    await s.next("pusher:signin_success");
    const channel = "private-account-1-inbox-1";
    s.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel, auth: signChannelAuth(TEST_PUSHER_APP, socketId, channel).auth } }));
    await s.next("pusher_internal:subscription_succeeded");
    // What pusher-js hands a private channel's listeners does not include user_id: read the frame.
    const frames: Array<{ event: string; user_id?: string; data?: unknown }> = [];
    boss.pusher.connection.bind("message", (m: { event: string; user_id?: string; data?: unknown }) => frames.push(m));
    const spoof = { displayId: 1, private: false, user: { id: 1, name: "Boss (spoofed)" }, user_id: "1" };
    s.ws.send(JSON.stringify({ event: "client-conversation.typing_on", channel, data: spoof, user_id: "1" }));
    await boss.waitFor((e) => e.name === "client-conversation.typing_on");
    const delivered = frames.find((f) => f.event === "client-conversation.typing_on");
    expect(delivered?.user_id).toBe("7");
    // What the conversation screen makes of it (components/realtime/use-typing.ts): user 7, not the Boss.
    expect(parseTypingFrame(delivered, channel)).toEqual({ on: true, displayId: 1, private: false, userId: 7 });
    s.ws.close();
  });

  it("refuses client events from a socket that has not signed in, public channels, and forged sign-ins", async () => {
    const s = await rawSocket();
    const socketId = await socketIdOf(s);
    const channel = "private-account-1-inbox-2";
    s.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel, auth: signChannelAuth(TEST_PUSHER_APP, socketId, channel).auth } }));
    await s.next("pusher_internal:subscription_succeeded");
    s.ws.send(JSON.stringify({ event: "client-conversation.typing_on", channel, data: { displayId: 1 } }));
    expect((await s.next("pusher:error")).data).toMatchObject({ code: 4301 });

    s.messages.length = 0;
    s.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "account-1" } }));
    expect(await s.next("pusher:subscription_error")).toMatchObject({ channel: "account-1" });
    expect(server.subscriberCount("account-1")).toBe(0);

    // A sign-in signed for another socket (or user data changed after signing) closes the socket.
    s.messages.length = 0;
    s.ws.send(JSON.stringify({ event: "pusher:signin", data: { ...signed("1.2", "7") } }));
    expect((await s.closed).code).toBe(4009);
  });

  it("closes a connection that does not sign in within the timeout", async () => {
    const strict = await startRealtimeServer({ ...TEST_PUSHER_APP, port: 0, host: "127.0.0.1", signinTimeoutSeconds: 0.3 });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${strict.port}/app/${TEST_PUSHER_APP.key}?protocol=7`);
      const code = await new Promise<number>((resolve) => ws.on("close", (c) => resolve(c)));
      expect(code).toBe(4009);
    } finally {
      await strict.close();
    }
  });

  it("terminates a user's connections through the HTTP API; pusher-js reconnects and signs in again", async () => {
    const seven = await client(undefined, "7");
    const other = await client(undefined, "8");
    await seven.subscribe("private-room-9");
    await other.subscribe("private-room-9");
    const firstSocket = seven.pusher.connection.socket_id;
    await publisher().terminateUserConnections("7");
    await expect.poll(() => seven.pusher.connection.socket_id !== firstSocket && seven.pusher.connection.state === "connected").toBe(true);
    expect(other.pusher.connection.socket_id).toBeDefined();
    // The other user's connection was left alone.
    await publisher().trigger("private-room-9", "after", { n: 1 });
    await other.waitFor((e) => e.name === "after");
    await expect(publisher("wrong").terminateUserConnections("8")).rejects.toMatchObject({ status: 401 });
  });
});
