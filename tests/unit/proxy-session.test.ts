import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "@/auth.config";
import { SESSION_RENEW_AFTER_SECONDS, recentSessionUserId } from "@/lib/auth/proxy-session";

/**
 * The proxy lets a page through on a recent session cookie alone (lib/auth/proxy-session.ts) and
 * sends anything else through Auth.js (renewal, or the sign-in redirect). What must never pass on
 * the cookie alone: a forged, tampered, expired or foreign-secret token, one without a user, one
 * older than a day (it goes to Auth.js to be renewed).
 */
const SECRET = "test-secret-for-proxy-session-0123456789abcdef";
const NAME = "authjs.session-token";
const claims = { name: "Pia", email: "pia@acme.test", sub: "7", userId: 7, sessionVersion: 1, sessionId: "s-1" };
const token = (extra: Record<string, unknown> = {}, maxAge = SESSION_MAX_AGE_SECONDS) => encode({ token: { ...claims, ...extra }, secret: SECRET, salt: NAME, maxAge });

describe("the proxy's session check", () => {
  it("a cookie issued a moment ago passes with its user, whole or in Auth.js's chunks", async () => {
    const value = await token();
    expect(await recentSessionUserId([{ name: "other", value: "x" }, { name: NAME, value }], SECRET)).toBe(7);
    const chunks = [{ name: `${NAME}.1`, value: value.slice(80) }, { name: `${NAME}.0`, value: value.slice(0, 80) }];
    expect(await recentSessionUserId(chunks, SECRET)).toBe(7);
  });

  it("a day after it was issued, the cookie goes to Auth.js to be renewed", async () => {
    const value = await token();
    const now = Date.now();
    expect(await recentSessionUserId([{ name: NAME, value }], SECRET, now + (SESSION_RENEW_AFTER_SECONDS - 60) * 1000)).toBe(7);
    expect(await recentSessionUserId([{ name: NAME, value }], SECRET, now + (SESSION_RENEW_AFTER_SECONDS + 1) * 1000)).toBeNull();
    // Issued "in the future" (a clock stepped back): not recent either.
    expect(await recentSessionUserId([{ name: NAME, value }], SECRET, now - 10 * 60 * 1000)).toBeNull();
  });

  it("no cookie, a forged or tampered one, another secret or name, an expired one, no user: not on the cookie alone", async () => {
    const value = await token();
    expect(await recentSessionUserId([], SECRET)).toBeNull();
    expect(await recentSessionUserId([{ name: NAME, value: "not a token" }], SECRET)).toBeNull();
    const tampered = value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await recentSessionUserId([{ name: NAME, value: tampered }], SECRET)).toBeNull();
    expect(await recentSessionUserId([{ name: NAME, value }], "another-secret-0123456789abcdef0123456789")).toBeNull();
    expect(await recentSessionUserId([{ name: NAME, value }], undefined)).toBeNull();
    expect(await recentSessionUserId([{ name: `__Secure-${NAME}`, value }], SECRET)).toBeNull();
    expect(await recentSessionUserId([{ name: NAME, value: await token({}, -60) }], SECRET)).toBeNull();
    expect(await recentSessionUserId([{ name: NAME, value: await token({ userId: undefined }) }], SECRET)).toBeNull();
    expect(await recentSessionUserId([{ name: NAME, value: await token({ userId: "7" }) }], SECRET)).toBeNull();
  });
});
