import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { encode } from "next-auth/jwt";
import { env, setEnvVar } from "@/lib/env";
import { inboxChannel } from "@/lib/realtime/channels";
import { pusherAuthResponse } from "@/lib/realtime/auth-route";
import { useTestDatabase } from "@/tests/support/db";
import { connectClient, useRealtimeServer, type TestClient } from "@/tests/support/realtime";
import { userAuthentication } from "@/lib/realtime/authorize-channel";
import { userActor } from "@/lib/auth/actor";

/**
 * Review L1: a session cookie copied before sign-out kept working for 30 days. Through Auth.js's
 * real route handlers (the ones app/api/auth/[...nextauth] exports): sign in, sign out, and the
 * old cookie is refused, while live refresh connections of that user are ended too.
 */
setEnvVar("AUTH_SECRET", "test-secret-for-sign-out-0123456789abcdef");
const db = useTestDatabase();
const realtime = useRealtimeServer();
const ORIGIN = "http://localhost:3000";

type Handlers = { GET: (req: NextRequest) => Promise<Response>; POST: (req: NextRequest) => Promise<Response> };
let handlers: Handlers;
beforeAll(async () => {
  handlers = (await import("@/auth")) as unknown as Handlers;
});

const cookieJar = new Map<string, string>();
const cookieHeader = (jar = cookieJar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keepCookies(response: Response, jar = cookieJar) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...value] = pair.split("=");
    jar.set(name, value.join("="));
  }
}

async function call(method: "GET" | "POST", path: string, form?: Record<string, string>, cookies = cookieHeader()) {
  const request = new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers: {
      cookie: cookies,
      [PEER_ADDRESS_HEADER]: "127.0.0.1",
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return method === "GET" ? handlers.GET(request) : handlers.POST(request);
}

async function csrfToken(): Promise<string> {
  const response = await call("GET", "/api/auth/csrf");
  keepCookies(response);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

const sessionOf = async (cookies: string) => (await (await call("GET", "/api/auth/session", undefined, cookies)).json()) as { user?: { email: string } } | null;

describe("signing out ends the session on the server", () => {
  let client: TestClient | undefined;
  afterAll(() => client?.disconnect());

  it("a cookie captured before /api/auth/signout is refused after it, and live connections end", async () => {
    const { userId, accountId } = await createAccountWithAdmin(db(), { accountName: "Acme", email: "out@acme.test", name: "Olly", password: "olly password 1" });
    const signedIn = await call("POST", "/api/auth/callback/credentials", {
      email: "out@acme.test",
      password: "olly password 1",
      csrfToken: await csrfToken(),
      callbackUrl: `${ORIGIN}/app`,
    });
    expect(signedIn.status).toBe(302);
    keepCookies(signedIn);
    const captured = cookieHeader();
    expect((await sessionOf(captured))?.user?.email).toBe("out@acme.test");

    // The browser's live refresh, authorized through the session as /api/pusher/auth does.
    const sessionUser = async () => ((await sessionOf(captured))?.user ? userId : null);
    client = await connectClient(
      realtime().port,
      async (socketId, channelName) => {
        const form = new FormData();
        form.set("socket_id", socketId);
        form.set("channel_name", channelName);
        const response = await pusherAuthResponse(await sessionUser(), new Request(`${ORIGIN}/api/pusher/auth`, { method: "POST", body: form }));
        if (response.status !== 200) throw new Error(`auth answered ${response.status}`);
        return (await response.json()) as { auth: string };
      },
      { signin: async (socketId) => userAuthentication(userActor(userId), socketId) },
    );
    const inbox = inboxChannel(accountId, 1);
    const socket = client.pusher.connection.socket_id;
    await client.subscribe(`private-account-${accountId}`);

    const signedOut = await call("POST", "/api/auth/signout", { csrfToken: await csrfToken() });
    expect(signedOut.status).toBe(302);
    expect(await sessionOf(captured)).toBeNull();
    // The socket was closed; the reconnection's re-subscription is refused (401: no session).
    await expect.poll(() => client?.pusher.connection.socket_id !== socket, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => client?.pusher.channel(`private-account-${accountId}`)?.subscribed, { timeout: 5_000 }).toBe(false);
    expect(inbox).toBeTruthy();
  });

  it("a session token without a session id (signed before sign-out revocation existed) is refused", async () => {
    const { userId } = await createAccountWithAdmin(db(), { accountName: "Old", email: "old@acme.test", name: "Oldie", password: "old password 1" });
    const make = (extra: Record<string, unknown>) =>
      encode({ token: { userId, sessionVersion: 1, name: "Oldie", email: "old@acme.test", ...extra }, secret: env().AUTH_SECRET ?? "", salt: "authjs.session-token" });
    expect((await sessionOf(`authjs.session-token=${await make({ sessionId: "a-fresh-id" })}`))?.user?.email).toBe("old@acme.test");
    expect(await sessionOf(`authjs.session-token=${await make({})}`)).toBeNull();
  });

  it("Auth.js's redirects go to APP_URL, not to the host the request named", async () => {
    await createAccountWithAdmin(db(), { accountName: "Url", email: "url@acme.test", name: "Uri", password: "uri password 1" });
    setEnvVar("APP_URL", "https://desk.example.test");
    try {
      const signedIn = await call("POST", "/api/auth/callback/credentials", {
        email: "url@acme.test",
        password: "uri password 1",
        csrfToken: await csrfToken(),
        callbackUrl: `${ORIGIN}/app/accounts/1`,
      });
      expect(signedIn.headers.get("location")).toBe("https://desk.example.test/app/accounts/1");
      keepCookies(signedIn);
      const signedOut = await call("POST", "/api/auth/signout", { csrfToken: await csrfToken(), callbackUrl: "https://evil.example/x" });
      expect(signedOut.headers.get("location")).toBe("https://desk.example.test");
    } finally {
      setEnvVar("APP_URL", "");
    }
  });

  it("a wrong password is one info line, not an error (whatever the build does to class names)", async () => {
    await createAccountWithAdmin(db(), { accountName: "Log", email: "log@acme.test", name: "Lou", password: "lou password 1" });
    const lines: string[] = [];
    const out = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const err = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    try {
      const refused = await call("POST", "/api/auth/callback/credentials", { email: "log@acme.test", password: "wrong", csrfToken: await csrfToken() });
      expect(refused.headers.get("location")).toContain("error=CredentialsSignin");
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const parsed = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(parsed).toContainEqual(expect.objectContaining({ level: "info", msg: "sign-in refused" }));
    expect(parsed.filter((l) => l.level === "error")).toEqual([]);
  });
});
