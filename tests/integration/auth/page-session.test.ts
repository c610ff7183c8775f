import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "@/auth.config";
import { users } from "@/db/schema";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { newSessionId, revokeSession } from "@/lib/auth/sessions";
import { sessionUserFromCookies } from "@/lib/auth/session-cookie";
import { eq } from "drizzle-orm";
import { useTestDatabase } from "@/tests/support/db";

/**
 * Pages read the signed-in user from the session cookie directly (lib/auth/session-cookie.ts)
 * instead of a second pass through Auth.js's request/response machinery. Every check that pass made
 * must still hold: the cookie's encryption and expiry, the session version, sign-out revocation.
 */
const db = useTestDatabase();
const SECRET = "test-secret-for-page-session-0123456789abcdef";
const NAME = "authjs.session-token";

async function signedIn(email: string) {
  const { userId } = await createAccountWithAdmin(db(), { accountName: "Acme", email, name: "Pia", password: "pia password 1" });
  const sessionId = newSessionId();
  const claims = { name: "Pia", email, sub: String(userId), userId, sessionVersion: 1, sessionId };
  const value = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: SESSION_MAX_AGE_SECONDS });
  return { userId, sessionId, claims, value };
}

const read = (cookies: { name: string; value: string }[], secret = SECRET) => sessionUserFromCookies(db(), cookies, secret);

describe("the page's session read", () => {
  it("a valid cookie gives the user, with the name and email the database has now", async () => {
    const { userId, value } = await signedIn("pia@acme.test");
    await db().update(users).set({ name: "Pia Renamed" }).where(eq(users.id, userId));
    expect(await read([{ name: "other", value: "x" }, { name: NAME, value }])).toEqual({ id: userId, name: "Pia Renamed", email: "pia@acme.test" });
    // Auth.js's chunked form of a large cookie reads the same.
    const chunks = [{ name: `${NAME}.1`, value: value.slice(100) }, { name: `${NAME}.0`, value: value.slice(0, 100) }];
    expect((await read(chunks))?.id).toBe(userId);
  });

  it("no cookie, a forged or tampered cookie, another secret or another cookie name: nobody", async () => {
    const { value } = await signedIn("tam@acme.test");
    expect(await read([])).toBeNull();
    expect(await read([{ name: NAME, value: "not a token" }])).toBeNull();
    expect(await read([{ name: NAME, value: value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA") }])).toBeNull();
    expect(await read([{ name: NAME, value }], "another-secret-0123456789abcdef0123456789")).toBeNull();
    // The cookie name is the key's salt: a token moved under the https name does not decrypt.
    expect(await read([{ name: `__Secure-${NAME}`, value }])).toBeNull();
    expect(await read([{ name: NAME, value }], "")).toBeNull();
  });

  it("an expired token, a changed password (session version) or a signed-out session: nobody", async () => {
    const { userId, sessionId, claims, value } = await signedIn("exp@acme.test");
    const expired = await encode({ token: { ...claims, sessionId: newSessionId() }, secret: SECRET, salt: NAME, maxAge: -60 });
    expect(await read([{ name: NAME, value: expired }])).toBeNull();
    const noSessionId = await encode({ token: { ...claims, sessionId: undefined }, secret: SECRET, salt: NAME, maxAge: 60 });
    expect(await read([{ name: NAME, value: noSessionId }])).toBeNull();

    expect((await read([{ name: NAME, value }]))?.id).toBe(userId);
    await revokeSession(db(), { sessionId, userId, expiresAt: new Date(Date.now() + 60_000) });
    expect(await read([{ name: NAME, value }])).toBeNull();

    const other = await encode({ token: { ...claims, sessionId: newSessionId() }, secret: SECRET, salt: NAME, maxAge: 60 });
    expect((await read([{ name: NAME, value: other }]))?.id).toBe(userId);
    await db().update(users).set({ sessionVersion: 2 }).where(eq(users.id, userId));
    expect(await read([{ name: NAME, value: other }])).toBeNull();
  });
});
