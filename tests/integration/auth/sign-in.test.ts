import { hashToken } from "@/lib/auth/tokens";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createAccountWithAdmin, resetUserPassword } from "@/lib/accounts/provision";
import { userActor, systemActor } from "@/lib/auth/actor";
import { INVALID_CREDENTIALS_MESSAGE, authenticateWithPassword } from "@/lib/auth/authenticate";
import { changePassword } from "@/lib/auth/change-password";
import { resetApiAccessToken } from "@/lib/auth/reset-api-access-token";
import { currentSessionUser } from "@/lib/auth/session-version";
import { LOCKED_MESSAGE, MAX_FAILURES, MAX_FAILURES_ANY_CLIENT, WINDOW_MINUTES, recordSignInFailure } from "@/lib/auth/sign-in-throttle";
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
  it(`locks an email everywhere after ${MAX_FAILURES_ANY_CLIENT} failures from changing addresses`, async () => {
    await admin("gus@acme.test", "gus password 1");
    // An attacker inventing a new X-Forwarded-For for every attempt never hits the per-client lock...
    for (let i = 0; i < MAX_FAILURES_ANY_CLIENT - 1; i++) {
      const result = await authenticateWithPassword(db(), { email: "gus@acme.test", password: `guess ${i}`, client: `10.0.0.${i}` });
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
    }
    const last = await authenticateWithPassword(db(), { email: "gus@acme.test", password: "guess last", client: "10.0.1.1" });
    expect(last).toEqual({ ok: false, reason: "locked", message: LOCKED_MESSAGE });
    // ...but the email is now locked from every address, the right password included.
    const right = await authenticateWithPassword(db(), { email: "gus@acme.test", password: "gus password 1", client: "10.9.9.9" });
    expect(right).toEqual({ ok: false, reason: "locked", message: LOCKED_MESSAGE });
  }, 60_000);
});
