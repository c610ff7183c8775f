import Pusher from "pusher-js";
import type { Channel } from "pusher-js";
import { afterAll, beforeAll } from "vitest";
import type { DbOrTx } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { channelAuthorization, userAuthentication } from "@/lib/realtime/authorize-channel";
import { startRealtimeServer, type RealtimeServer } from "@/lib/realtime/server";

export const TEST_PUSHER_APP = { appId: "test-app", key: "test-key", secret: "test-secret" };

/**
 * Starts the embedded Pusher-protocol server on a free loopback port for this test file and points
 * PUSHER_* at it, so publishEvents (the real `pusher` library) delivers to it.
 */
export function useRealtimeServer(): () => RealtimeServer {
  let server: RealtimeServer | undefined;
  beforeAll(async () => {
    server = await startRealtimeServer({ ...TEST_PUSHER_APP, port: 0, host: "127.0.0.1" });
    setEnvVar("PUSHER_APP_ID", TEST_PUSHER_APP.appId);
    setEnvVar("PUSHER_KEY", TEST_PUSHER_APP.key);
    setEnvVar("PUSHER_SECRET", TEST_PUSHER_APP.secret);
    setEnvVar("PUSHER_HOST", "127.0.0.1");
    setEnvVar("PUSHER_PORT", String(server.port));
    setEnvVar("PUSHER_USE_TLS", "false");
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the realtime server is not started yet");
    return server;
  };
}

export type ReceivedEvent = { channel: string; name: string; data: unknown };

export type TestClient = {
  pusher: Pusher;
  received: ReceivedEvent[];
  /** Resolves when subscribed; rejects with the refusal when authorization fails. */
  subscribe: (channel: string) => Promise<Channel>;
  /** Waits until an event matching `match` arrived (or fails after `ms`). */
  waitFor: (match: (e: ReceivedEvent) => boolean, ms?: number) => Promise<ReceivedEvent>;
  disconnect: () => void;
};

export type Authorize = (socketId: string, channelName: string) => Promise<{ auth: string; channel_data?: string }>;
/** User authentication (pusher.signin()): what /api/pusher/user-auth answers. */
export type SignIn = (socketId: string) => Promise<{ auth: string; user_data: string }>;

/**
 * A pusher-js client signed in and authorized as the user by our domain functions (what
 * /api/pusher/user-auth and /api/pusher/auth run), as LiveRefresh is.
 */
export const connectAs = (port: number, db: () => DbOrTx, userId: number) =>
  connectClient(port, (socketId, channelName) => channelAuthorization(db(), userActor(userId), { socketId, channelName }), {
    signin: async (socketId) => userAuthentication(userActor(userId), socketId),
  });

/**
 * A real pusher-js client in Node whose channel authorization is `authorize`; with `signin` it
 * signs its connection in (user authentication) before resolving, and again after reconnecting.
 */
export async function connectClient(port: number, authorize: Authorize, options: { key?: string; signin?: SignIn } = {}): Promise<TestClient> {
  const received: ReceivedEvent[] = [];
  const pusher = new Pusher(options.key ?? TEST_PUSHER_APP.key, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      transport: "ajax",
      endpoint: "/unused",
      customHandler: ({ socketId, channelName }, callback) => {
        authorize(socketId, channelName).then(
          (data) => callback(null, data),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
        );
      },
    },
    userAuthentication: {
      transport: "ajax",
      endpoint: "/unused",
      customHandler: ({ socketId }, callback) => {
        if (!options.signin) return callback(new Error("this client does not sign in"), null);
        options.signin(socketId).then(
          (data) => callback(null, data),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
        );
      },
    },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("pusher-js did not connect")), 5_000);
    pusher.connection.bind("connected", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (options.signin) {
    pusher.signin();
    await pusher.user.signinDonePromise;
  }
  const waiters: Array<{ match: (e: ReceivedEvent) => boolean; resolve: (e: ReceivedEvent) => void }> = [];
  const record = (event: ReceivedEvent) => {
    received.push(event);
    for (const w of [...waiters]) if (w.match(event)) w.resolve(event);
  };
  return {
    pusher,
    received,
    subscribe: (name) =>
      new Promise<Channel>((resolve, reject) => {
        const channel = pusher.subscribe(name);
        channel.bind("pusher:subscription_succeeded", () => resolve(channel));
        channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
        channel.bind_global((eventName: string, data: unknown) => {
          if (!eventName.startsWith("pusher:subscription")) record({ channel: name, name: eventName, data });
        });
      }),
    waitFor: (match, ms = 3_000) => {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<ReceivedEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the expected realtime event did not arrive")), ms);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    disconnect: () => pusher.disconnect(),
  };
}

/** Waits long enough for an event published now to have arrived, to assert that it did not. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
