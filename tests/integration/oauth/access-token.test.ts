import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { createDb } from "@/db/client";
import { env, setEnvVar } from "@/lib/env";
import { decryptSecret } from "@/lib/crypto/secrets";
import { getAccessToken, refreshDueTokens } from "@/lib/mailbox/oauth/access-token";
import { saveOAuthCredential } from "@/lib/mailbox/oauth/credentials-store";
import { OAuthTokenError } from "@/lib/mailbox/oauth/errors";
import { refreshOAuthTokens } from "@/inngest/functions/mailbox/refresh-oauth-tokens";
import { createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { CLIENT, channelRow, createOAuthInbox, credentialRow, expireAccessTokenIn, signInThroughProvider, useFakeOAuthProvider } from "./oauth-helpers";

/** The token lifecycle of OAuth2 inboxes: renewal ahead of expiry, rotation, single flight, refusals. */
const db = useTestDatabase();
const idp = useFakeOAuthProvider({ rotateRefreshTokens: true, tokenDelayMs: 150 });

async function inbox(mailbox = `shared-${Math.random().toString(36).slice(2, 8)}@example.test`, delegate = "agent@example.test") {
  const account = await createAccount(db());
  return { account, ...(await createOAuthInbox(db(), idp(), { accountId: account.id, mailbox, delegate })) };
}

describe("getAccessToken", () => {
  it("returns the stored token while it has more than five minutes left, without asking the provider", async () => {
    const { scope, tokens } = await inbox();
    const before = idp().tokenRequests.refresh_token;
    const token = await getAccessToken(db(), scope);
    expect(token.accessToken).toBe(tokens.accessToken);
    expect(idp().tokenRequests.refresh_token).toBe(before);
  });

  it("renews a token about to expire and saves the rotated refresh token, encrypted", async () => {
    const { scope, tokens, inbox: row } = await inbox("shared@example.test");
    await expireAccessTokenIn(db(), scope, 4 * 60 * 1000);
    const before = idp().tokenRequests.refresh_token;

    const token = await getAccessToken(db(), scope);
    expect(idp().tokenRequests.refresh_token).toBe(before + 1);
    expect(token.accessToken).not.toBe(tokens.accessToken);
    expect(token.mailboxAddress).toBe("shared@example.test");
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);

    const saved = await credentialRow(db(), row.id);
    expect(saved.refreshTokenEnc).not.toContain("rt-");
    expect(saved.accessTokenEnc).not.toContain("at-");
    const rotated = decryptSecret(saved.refreshTokenEnc);
    expect(rotated).not.toBe(tokens.refreshToken);
    // The old refresh token no longer works at the provider; the saved one does.
    expect(idp().liveRefreshTokens()).toContain(rotated);
    expect(idp().liveRefreshTokens()).not.toContain(tokens.refreshToken);
    expect(decryptSecret(saved.accessTokenEnc ?? "")).toBe(token.accessToken);
    expect(saved.lastRefreshedAt?.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("renews once when many polls and sends ask at the same time", async () => {
    const { scope } = await inbox();
    await expireAccessTokenIn(db(), scope, -1000);
    const before = idp().tokenRequests.refresh_token;
    // Separate connection pools, as separate processes would have.
    const others = [createDb(env().DATABASE_URL ?? ""), createDb(env().DATABASE_URL ?? "")];
    try {
      const results = await Promise.all([
        getAccessToken(db(), scope),
        getAccessToken(db(), scope),
        getAccessToken(others[0].db, scope),
        getAccessToken(others[1].db, scope),
        getAccessToken(others[1].db, scope),
      ]);
      expect(idp().tokenRequests.refresh_token).toBe(before + 1);
      expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    } finally {
      await Promise.all(others.map((o) => o.sql.end()));
    }
  });

  it("marks the inbox reconnect needed on invalid_grant, and other inboxes keep working", async () => {
    const broken = await inbox("broken@example.test", "leaver@example.test");
    const healthy = await inbox("healthy@example.test", "agent2@example.test");
    await expireAccessTokenIn(db(), broken.scope, 0);
    await expireAccessTokenIn(db(), healthy.scope, 0);
    idp().revokeUser("leaver@example.test");

    const error = await getAccessToken(db(), broken.scope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({ reconnectNeeded: true, retryable: false, code: "invalid" });
    expect((error as Error).message).toBe("Microsoft refused the saved sign-in (Token has been expired or revoked.). Reconnect the mailbox.");
    const channel = await channelRow(db(), broken.channel.id);
    expect(channel.health).toBe("reconnect_needed");
    expect(channel.lastError).toBe((error as Error).message);
    expect((await credentialRow(db(), broken.inbox.id)).lastError).toBe((error as Error).message);

    await expect(getAccessToken(db(), healthy.scope)).resolves.toMatchObject({ mailboxAddress: "healthy@example.test" });
    expect((await channelRow(db(), healthy.channel.id)).health).toBe("ok");
  });

  it("a reconnect replaces the sign-in and lifts the pause", async () => {
    const { scope, channel, account } = await inbox("paused@example.test", "quitter@example.test");
    await expireAccessTokenIn(db(), scope, 0);
    idp().revokeUser("quitter@example.test");
    await expect(getAccessToken(db(), scope)).rejects.toThrow(/Reconnect the mailbox/);
    expect((await channelRow(db(), channel.id)).health).toBe("reconnect_needed");

    idp().signIn({ email: "successor@example.test", mailbox: "paused@example.test" });
    const { tokens } = await signInThroughProvider({ accountId: account.id, provider: "microsoft", transport: "imap_smtp", mailbox: "paused@example.test" });
    await saveOAuthCredential(db(), { ...scope, provider: "microsoft", transport: "imap_smtp", mailboxAddress: "paused@example.test", delegateEmail: "successor@example.test", tokens });
    const after = await channelRow(db(), channel.id);
    expect(after.health).toBe("ok");
    expect(after.nextPollAt?.getTime()).toBeLessThanOrEqual(Date.now());
    await expect(getAccessToken(db(), scope)).resolves.toMatchObject({ accessToken: tokens.accessToken, delegateEmail: "successor@example.test" });
    expect((await credentialRow(db(), scope.inboxId)).lastError).toBeNull();
  });

  it("keeps the saved refresh token when the provider does not rotate it (Google)", async () => {
    const account = await createAccount(db());
    const { scope, tokens } = await createOAuthInbox(db(), idp(), { accountId: account.id, provider: "google", mailbox: "team@gmail.test" });
    idp().setRotation(false);
    try {
      await expireAccessTokenIn(db(), scope, 0);
      const renewed = await getAccessToken(db(), scope);
      expect(renewed.accessToken).not.toBe(tokens.accessToken);
      expect(decryptSecret((await credentialRow(db(), scope.inboxId)).refreshTokenEnc)).toBe(tokens.refreshToken);
      expect((await credentialRow(db(), scope.inboxId)).scopes).toBe("https://mail.google.com/ openid email");
    } finally {
      idp().setRotation(true);
    }
  });

  it("says in words what an AADSTS error means", async () => {
    const { scope, channel } = await inbox();
    await expireAccessTokenIn(db(), scope, 0);
    idp().failToken({
      status: 400,
      times: 1,
      body: {
        error: "invalid_grant",
        error_description: "AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-01-01T00:00:00Z and was inactive for 90.00:00:00.\r\nTrace ID: 1\r\nCorrelation ID: 2",
        error_codes: [700082],
      },
    });
    await expect(getAccessToken(db(), scope)).rejects.toThrow(
      "Microsoft refused the saved sign-in (AADSTS700082: the refresh token has expired). Reconnect the mailbox.",
    );
    expect((await channelRow(db(), channel.id)).health).toBe("reconnect_needed");
  });

  it("treats a provider outage as temporary: retryable, inbox health untouched", async () => {
    const { scope, channel, tokens } = await inbox();
    await expireAccessTokenIn(db(), scope, 0);
    idp().failToken({ status: 503, times: 1, body: { error: "temporarily_unavailable", error_description: "AADSTS90033: A transient error has occurred." } });
    const error = await getAccessToken(db(), scope).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, reconnectNeeded: false, code: "unavailable" });
    expect((await channelRow(db(), channel.id)).health).toBe("ok");
    // The saved refresh token is still the one to use: the next try succeeds.
    expect(decryptSecret((await credentialRow(db(), scope.inboxId)).refreshTokenEnc)).toBe(tokens.refreshToken);
    await expect(getAccessToken(db(), scope)).resolves.toMatchObject({ mailboxAddress: expect.any(String) });
    expect((await credentialRow(db(), scope.inboxId)).lastError).toBeNull();
  });

  it("names a missing client id on the inbox instead of retrying", async () => {
    const { scope, channel } = await inbox();
    await expireAccessTokenIn(db(), scope, 0);
    setEnvVar("MICROSOFT_CLIENT_ID", "");
    try {
      await expect(getAccessToken(db(), scope)).rejects.toMatchObject({ retryable: false, reconnectNeeded: false, message: expect.stringMatching(/^MICROSOFT_CLIENT_ID is not set/) });
      expect((await credentialRow(db(), scope.inboxId)).lastError).toMatch(/^MICROSOFT_CLIENT_ID is not set/);
      expect((await channelRow(db(), channel.id)).health).toBe("ok");
    } finally {
      setEnvVar("MICROSOFT_CLIENT_ID", CLIENT.id);
    }
  });

  it("never writes tokens to the logs", async () => {
    const { scope, tokens } = await inbox("logged@example.test", "logger@example.test");
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    const spies = [vi.spyOn(console, "log").mockImplementation(capture), vi.spyOn(console, "error").mockImplementation(capture), vi.spyOn(console, "warn").mockImplementation(capture)];
    const level = env().LOG_LEVEL;
    setEnvVar("LOG_LEVEL", "trace");
    try {
      await expireAccessTokenIn(db(), scope, 0);
      const renewed = await getAccessToken(db(), scope);
      await expireAccessTokenIn(db(), scope, 0);
      idp().revokeUser("logger@example.test");
      await expect(getAccessToken(db(), scope)).rejects.toThrow(/Reconnect/);
      const saved = await credentialRow(db(), scope.inboxId);
      expect(lines.join("\n")).toContain("token refresh failed");
      for (const secret of [tokens.accessToken, tokens.refreshToken, renewed.accessToken, decryptSecret(saved.refreshTokenEnc)]) {
        expect(lines.join("\n")).not.toContain(secret);
      }
    } finally {
      setEnvVar("LOG_LEVEL", level);
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("keeps tokens across a restart: a new database connection reads and renews them", async () => {
    const { scope, tokens } = await inbox();
    const restarted = createDb(env().DATABASE_URL ?? "");
    try {
      await expect(getAccessToken(restarted.db, scope)).resolves.toMatchObject({ accessToken: tokens.accessToken });
      await expireAccessTokenIn(restarted.db, scope, 0);
      const renewed = await getAccessToken(restarted.db, scope);
      expect(renewed.accessToken).not.toBe(tokens.accessToken);
    } finally {
      await restarted.sql.end();
    }
  });

  it("is scoped by account: another account's inbox id is not found", async () => {
    const { scope } = await inbox();
    await expect(getAccessToken(db(), { accountId: scope.accountId + 1000, inboxId: scope.inboxId })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the refresh cron", () => {
  it("renews tokens expiring soon, skips fresh ones and inboxes waiting for a reconnect", async () => {
    const soon = await inbox();
    const fresh = await inbox();
    const waiting = await inbox("waiting@example.test", "gone@example.test");
    await expireAccessTokenIn(db(), soon.scope, 7 * 60 * 1000);
    await expireAccessTokenIn(db(), waiting.scope, 0);
    idp().revokeUser("gone@example.test");
    await expect(getAccessToken(db(), waiting.scope)).rejects.toThrow(/Reconnect the mailbox/);

    const before = idp().tokenRequests.refresh_token;
    const result = await refreshDueTokens(db());
    expect(result).toMatchObject({ failed: 0, reconnectNeeded: 0 });
    expect(result.refreshed).toBeGreaterThanOrEqual(1);
    expect((await credentialRow(db(), soon.inbox.id)).accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(decryptSecret((await credentialRow(db(), fresh.inbox.id)).accessTokenEnc ?? "")).toBe(fresh.tokens.accessToken);
    expect(idp().tokenRequests.refresh_token - before).toBe(result.refreshed);
  });

  it("runs as an Inngest cron function every five minutes", async () => {
    const config = refreshOAuthTokens.opts as { id?: string; triggers?: unknown[] };
    expect(config.triggers).toEqual([{ cron: "*/5 * * * *" }]);
    const due = await inbox();
    await expireAccessTokenIn(db(), due.scope, 60_000);
    const engine = new InngestTestEngine({ function: refreshOAuthTokens });
    const { result, error } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ failed: 0 });
    expect((await credentialRow(db(), due.inbox.id)).accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });
});
