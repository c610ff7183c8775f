import { afterEach, describe, expect, it } from "vitest";
import { setEnvVar, type Env } from "@/lib/env";
import { pusherClientConfig, pusherServerConfig } from "@/lib/realtime/config";

/** What the server library and the browser are told, for each way of running live refresh. */
const names = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_CLUSTER", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_USE_TLS", "PUSHER_WS_HOST", "PUSHER_WS_PORT", "APP_URL"] as const;
const set = (values: Partial<Record<(typeof names)[number], string>>) => {
  for (const name of names) setEnvVar(name as keyof Env, values[name] ?? "");
};
afterEach(() => set({}));

describe("realtime configuration", () => {
  it("is off without an app", () => {
    set({ PUSHER_KEY: "k" });
    expect(pusherServerConfig()).toBeNull();
    expect(pusherClientConfig()).toBeNull();
  });

  it("Pusher Channels: the cluster, TLS, and no host", () => {
    set({ PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s", PUSHER_CLUSTER: "eu" });
    expect(pusherServerConfig()).toMatchObject({ appId: "1", key: "k", secret: "s", cluster: "eu", useTLS: true, host: undefined });
    expect(pusherClientConfig()).toEqual({ key: "k", cluster: "eu", forceTLS: true });
  });

  it("the embedded server: published to on loopback, reached by browsers on APP_URL's host", () => {
    set({ PUSHER_APP_ID: "postdesk", PUSHER_KEY: "k", PUSHER_SECRET: "s", PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001", PUSHER_USE_TLS: "false", APP_URL: "http://desk.example.test:3000" });
    expect(pusherServerConfig()).toMatchObject({ host: "127.0.0.1", port: "6001", useTLS: false });
    const client = pusherClientConfig();
    expect(client).toEqual({ key: "k", cluster: "mt1", wsHost: "desk.example.test", wsPort: 6001, forceTLS: false });
    expect(JSON.stringify(client)).not.toContain('"s"');
  });

  it("a self-hosted server behind a proxy: PUSHER_WS_* for browsers", () => {
    set({
      ...{ PUSHER_APP_ID: "a", PUSHER_KEY: "k", PUSHER_SECRET: "s", PUSHER_HOST: "soketi.internal", PUSHER_PORT: "6001", PUSHER_USE_TLS: "false" },
      ...{ PUSHER_WS_HOST: "ws.example.test", PUSHER_WS_PORT: "443", APP_URL: "https://desk.example.test" },
    });
    expect(pusherServerConfig()).toMatchObject({ host: "soketi.internal", useTLS: false });
    // An https page may only open wss:.
    expect(pusherClientConfig()).toMatchObject({ wsHost: "ws.example.test", wsPort: 443, forceTLS: true });
  });
});
