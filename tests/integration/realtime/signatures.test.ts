import { createRequire } from "node:module";
import Pusher from "pusher";
import { describe, expect, it } from "vitest";
import { checkSignature } from "@/lib/realtime/server/http-api";
import { signChannelAuth, verifyChannelAuth } from "@/lib/realtime/signatures";

const require = createRequire(import.meta.url);
type Signer = (token: unknown, request: { method: string; path: string; body?: string }) => string;
const { createSignedQueryString } = require("pusher/lib/requests") as { createSignedQueryString: Signer };
const Token = require("pusher/lib/token") as new (key: string, secret: string) => unknown;

/** Our signatures agree with the ones the official `pusher` library makes. */
const app = { appId: "1", key: "app-key", secret: "app-secret" };
const pusher = new Pusher({ ...app, host: "127.0.0.1", port: "1", useTLS: false });

describe("channel auth signatures", () => {
  it("match the pusher library's, for private and presence channels", () => {
    expect(signChannelAuth(app, "123.456", "private-account-1")).toEqual(pusher.authorizeChannel("123.456", "private-account-1"));
    const presence = pusher.authorizeChannel("123.456", "presence-account-1", { user_id: "7", user_info: { name: "Ann" } });
    expect(signChannelAuth(app, "123.456", "presence-account-1", presence.channel_data)).toEqual(presence);
    expect(verifyChannelAuth(app, presence.auth, "123.456", "presence-account-1", presence.channel_data)).toBe(true);
    // The member data is signed: changing the user is refused.
    expect(verifyChannelAuth(app, presence.auth, "123.456", "presence-account-1", JSON.stringify({ user_id: "8" }))).toBe(false);
    expect(verifyChannelAuth(app, presence.auth.replace("app-key", "other"), "123.456", "presence-account-1", presence.channel_data)).toBe(false);
    expect(verifyChannelAuth(app, undefined, "123.456", "private-account-1")).toBe(false);
  });
});

describe("HTTP API request signatures", () => {
  /** A URL signed by the pusher library's own request signer (what `trigger` sends). */
  const signedUrl = (path: string, body: string, secret = app.secret) => {
    const token = new Token(app.key, secret);
    return new URL(`http://x${path}?${createSignedQueryString(token, { method: "POST", path, body })}`);
  };

  it("accept a correctly signed request and refuse tampering, a wrong key and a stale timestamp", () => {
    const body = JSON.stringify({ name: "e", channels: ["private-a"], data: "{}" });
    expect(checkSignature(signedUrl("/apps/1/events", body), body, app)).toBeNull();
    expect(checkSignature(signedUrl("/apps/1/events", body), body.replace("private-a", "private-b"), app)).toMatch(/body_md5/);
    expect(checkSignature(signedUrl("/apps/1/events", body, "wrong"), body, app)).toMatch(/Invalid signature/);
    const moved = signedUrl("/apps/1/events", body);
    moved.pathname = "/apps/1/batch_events";
    expect(checkSignature(moved, body, app)).toMatch(/Invalid signature/);
    const stale = signedUrl("/apps/1/events", body);
    stale.searchParams.set("auth_timestamp", String(Math.floor(Date.now() / 1000) - 3600));
    expect(checkSignature(stale, body, app)).toMatch(/auth_timestamp/);
    expect(checkSignature(signedUrl("/apps/1/events", body), body, { ...app, key: "another" })).toMatch(/auth_key/);
  });
});

