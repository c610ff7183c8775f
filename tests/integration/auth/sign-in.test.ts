import { hashToken } from "@/lib/auth/tokens";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signInAttempts, users } from "@/db/schema";
import { createAccountWithAdmin, resetUserPassword } from "@/lib/accounts/provision";
import { userActor, systemActor } from "@/lib/auth/actor";
import { INVALID_CREDENTIALS_MESSAGE, authenticateWithPassword } from "@/lib/auth/authenticate";
import { changePassword } from "@/lib/auth/change-password";
import { resetApiAccessToken } from "@/lib/auth/reset-api-access-token";
import { currentSessionUser } from "@/lib/auth/session-version";
import { PEER_ADDRESS_HEADER, clientAddress, parseTrustProxy } from "@/lib/auth/client-address";
import {
  LOCKED_MESSAGE,
  MAX_FAILURES,
  SLOWDOWN_MAX_MS,
  SLOWDOWN_STEP_MS,
  WINDOW_MINUTES,
  recordSignInFailure,
} from "@/lib/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

async function admin(email: string, password = "correct horse battery") {
  return createAccountWithAdmin(db(), { accountName: "Acme", email, name: "Ada Admin", password });
}

describe("password sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and rejects a wrong one", async () => {
    const { userId } = await admin("ada@acme.test");
    const ok = await authenticateWithPassword(db(), { email: "  ADA@acme.test ", password: "correct horse battery", client: "1.1.1.1" });
    expect(ok).toEqual({ ok: true, user: { id: userId, name: "Ada Admin", email: "ada@acme.test", sessionVersion: 1 } });

    const wrong = await authenticateWithPassword(db(), { email: "ada@acme.test", password: "nope nope nope", client: "1.1.1.1" });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE });
    const unknown = await authenticateWithPassword(db(), { email: "who@acme.test", password: "whatever1", client: "1.1.1.1" });
    expect(unknown).toEqual({ ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE });
  });

  it(`locks an email+client after ${MAX_FAILURES} failures, even for the right password, but not other clients`, async () => {
    await admin("bob@acme.test", "bobs password 1");
    const attempt = (password: string, client = "2.2.2.2") =>
      authenticateWithPassword(db(), { email: "bob@acme.test", password, client });
    for (let i = 1; i < MAX_FAILURES; i++) expect((await attempt("wrong password")).ok).toBe(false);
    const fifth = await attempt("wrong password");
    expect(fifth).toEqual({ ok: false, reason: "locked", message: LOCKED_MESSAGE });
    expect(await attempt("bobs password 1")).toEqual({ ok: false, reason: "locked", message: LOCKED_MESSAGE });
    // Another address is not locked out by the attacker's attempts.
    expect((await attempt("bobs password 1", "3.3.3.3")).ok).toBe(true);
  });

  it("forgets failures after a successful sign-in and after the window passes", async () => {
    await admin("cy@acme.test", "cys password 1");
    const attempt = (password: string) => authenticateWithPassword(db(), { email: "cy@acme.test", password, client: "4.4.4.4" });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt("wrong password");
    expect((await attempt("cys password 1")).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt("wrong password");
    expect((await attempt("wrong password")).ok).toBe(false);
    expect(await attempt("wrong password")).toMatchObject({ ok: false, reason: "locked" });

    // Failures spread out beyond the window never add up to a lock.
    const start = Date.now();
    for (let i = 0; i < MAX_FAILURES * 2; i++) {
      const at = new Date(start + i * (WINDOW_MINUTES / 2 + 1) * 60_000);
      expect(await recordSignInFailure(db(), "slow@acme.test", "5.5.5.5", at)).toBe(false);
    }
  });

  it("an operator password reset clears the lock and revokes sessions", async () => {
    const { userId } = await admin("dee@acme.test", "dees password 1");
    for (let i = 0; i < MAX_FAILURES; i++)
      await authenticateWithPassword(db(), { email: "dee@acme.test", password: "wrong", client: "6.6.6.6" });
    expect(await currentSessionUser(db(), userId, 1)).not.toBeNull();

    const { password } = await resetUserPassword(db(), { email: "DEE@acme.test" });
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await currentSessionUser(db(), userId, 1)).toBeNull();
    const result = await authenticateWithPassword(db(), { email: "dee@acme.test", password, client: "6.6.6.6" });
    expect(result).toMatchObject({ ok: true, user: { id: userId, sessionVersion: 2 } });
  });
});

describe("changing the password", () => {
  it("requires the current password, then revokes old sessions and accepts only the new password", async () => {
    const { userId } = await admin("eve@acme.test", "eves password 1");
    const actor = userActor(userId);
    await expect(changePassword(db(), actor, { currentPassword: "not it at all", newPassword: "new password 2" })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(changePassword(db(), actor, { currentPassword: "eves password 1", newPassword: "short" })).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await currentSessionUser(db(), userId, 1)).not.toBeNull();

    await changePassword(db(), actor, { currentPassword: "eves password 1", newPassword: "new password 2" });
    expect(await currentSessionUser(db(), userId, 1)).toBeNull();
    expect(await currentSessionUser(db(), userId, 2)).toEqual({ id: userId, name: "Ada Admin", email: "eve@acme.test" });
    const old = await authenticateWithPassword(db(), { email: "eve@acme.test", password: "eves password 1", client: "7.7.7.7" });
    expect(old.ok).toBe(false);
    const fresh = await authenticateWithPassword(db(), { email: "eve@acme.test", password: "new password 2", client: "7.7.7.7" });
    expect(fresh.ok).toBe(true);
  });

  it("the system cannot change anyone's password", async () => {
    await expect(changePassword(db(), systemActor("test"), { currentPassword: "x", newPassword: "yyyyyyyyyy" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("API access token reset", () => {
  it("replaces the token so the old one no longer identifies the user", async () => {
    const { userId, apiAccessToken } = await admin("fay@acme.test");
    const { apiAccessToken: next } = await resetApiAccessToken(db(), userActor(userId));
    expect(next).not.toBe(apiAccessToken);
    const [row] = await db().select({ hash: users.apiAccessTokenHash }).from(users).where(eq(users.id, userId));
    expect(row.hash).toBe(hashToken(next));
  });
});

describe("throttling across clients", () => {
  const headers = (forwardedFor: string | undefined, peer = "198.51.100.7") => {
    const h = new Headers({ [PEER_ADDRESS_HEADER]: peer });
    if (forwardedFor) h.set("x-forwarded-for", forwardedFor);
    return h;
  };

  it("without TRUST_PROXY a rotating X-Forwarded-For is one client (the TCP peer), and is locked after 5", async () => {
    await admin("hal@acme.test", "hal password 1");
    const none = parseTrustProxy(undefined);
    const results = [];
    for (let i = 0; i < MAX_FAILURES + 1; i++) {
      const client = clientAddress(headers(`10.0.0.${i}`), none);
      expect(client).toBe("198.51.100.7");
      const result = await authenticateWithPassword(db(), { email: "hal@acme.test", password: `guess ${i}`, client });
      results.push(result.ok ? "ok" : result.reason);
    }
    expect(results).toEqual(["invalid", "invalid", "invalid", "invalid", "locked", "locked"]);
  });

  it("with TRUST_PROXY the address the proxy saw is the client, not what the client claimed", () => {
    // nginx appends the address it saw; whatever the client sent stays in front.
    const viaNginx = headers("6.6.6.6, 203.0.113.9", "127.0.0.1");
    expect(clientAddress(viaNginx, parseTrustProxy("1"))).toBe("203.0.113.9");
    expect(clientAddress(viaNginx, parseTrustProxy("true"))).toBe("203.0.113.9");
    expect(clientAddress(viaNginx, parseTrustProxy("127.0.0.1, 10.0.0.0/8"))).toBe("203.0.113.9");
    // A proxy list does not trust a hop it does not list: the peer itself is then the client.
    expect(clientAddress(headers("6.6.6.6", "192.0.2.1"), parseTrustProxy("10.0.0.0/8"))).toBe("192.0.2.1");
    // Two hops (CDN + load balancer).
    expect(clientAddress(headers("6.6.6.6, 203.0.113.9, 10.1.1.1", "10.2.2.2"), parseTrustProxy("2"))).toBe("203.0.113.9");
    // No peer known (a handler called outside the HTTP server).
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6" }), parseTrustProxy(undefined))).toBe("unknown");
  });

  it("50 failures from many clients never lock the owner out of a fresh client: they only slow every attempt", async () => {
    await admin("gus@acme.test", "gus password 1");
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    const attempts = [];
    for (let i = 0; i < 50; i++) {
      const client = `10.0.${Math.floor(i / MAX_FAILURES)}.1`;
      attempts.push(await authenticateWithPassword(db(), { email: "gus@acme.test", password: `guess ${i}`, client }, { wait }));
    }
    // Each attacking address got its 5 guesses, then was locked.
    const reasons = attempts.map((a) => (a.ok ? "ok" : a.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(40);
    expect(reasons.filter((r) => r === "locked")).toHaveLength(10);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBe(SLOWDOWN_MAX_MS);

    const before = waits.length;
    const right = await authenticateWithPassword(db(), { email: "gus@acme.test", password: "gus password 1", client: "10.9.9.9" }, { wait });
    expect(right).toMatchObject({ ok: true });
    // ...slowed, though.
    expect(waits.length).toBe(before + 1);
    expect(waits.at(-1)).toBeGreaterThanOrEqual(SLOWDOWN_STEP_MS);
  }, 60_000);

  it("prunes attempts whose window is over when a failure is recorded", async () => {
    const longAgo = new Date(Date.now() - (WINDOW_MINUTES + 1) * 60_000);
    for (let i = 0; i < 20; i++) await recordSignInFailure(db(), `gone${i}@acme.test`, "1.2.3.4", longAgo);
    await recordSignInFailure(db(), "now@acme.test", "1.2.3.4");
    const rows = await db().select({ email: signInAttempts.email }).from(signInAttempts).where(like(signInAttempts.email, "%@acme.test"));
    expect(rows.map((r) => r.email).filter((e) => e.startsWith("gone"))).toEqual([]);
    expect(rows.map((r) => r.email)).toContain("now@acme.test");
  });
});

describe("guessing the current password on the password-change form", () => {
  it(`is throttled after ${MAX_FAILURES} wrong answers, the right one included`, async () => {
    const { userId } = await admin("ivy@acme.test", "ivys password 1");
    const actor = userActor(userId);
    const codes = [];
    for (let i = 0; i < MAX_FAILURES + 2; i++) {
      const error = await changePassword(db(), actor, { currentPassword: `guess ${i}`, newPassword: "new password 2" }).catch((e: AppError) => e);
      codes.push(error instanceof AppError ? error.code : "ok");
    }
    expect(codes).toEqual(["invalid", "invalid", "invalid", "invalid", "rate_limited", "rate_limited", "rate_limited"]);
    const right = await changePassword(db(), actor, { currentPassword: "ivys password 1", newPassword: "new password 2" }).catch((e: AppError) => e);
    expect(right).toMatchObject({ code: "rate_limited" });
    // Signing in is not affected by it: the lock is on the form, not the account.
    expect((await authenticateWithPassword(db(), { email: "ivy@acme.test", password: "ivys password 1", client: "7.7.7.8" })).ok).toBe(true);
  });
});
