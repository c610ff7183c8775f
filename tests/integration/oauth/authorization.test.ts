import { describe, expect, it } from "vitest";
import { setEnvVar } from "@/lib/env";
import { createAuthorizationRequest, exchangeCode } from "@/lib/mailbox/oauth/authorize";
import { providerConfig } from "@/lib/mailbox/oauth/providers";
import { STATE_TTL_MS, signState, verifyState } from "@/lib/mailbox/oauth/state";
import { consent, useFakeOAuthProvider } from "./oauth-helpers";

/** Starting a sign-in and finishing it at the callback, against a fake provider on loopback. */
const idp = useFakeOAuthProvider({ idToken: true });

const start = (provider: "google" | "microsoft" = "microsoft", transport: "imap_smtp" | "imap_api" | "graph" = "imap_smtp") =>
  createAuthorizationRequest({ accountId: 7, userId: 3, provider, transport, draft: { email: "shared@example.test", name: "Support" } });

describe("the signed state", () => {
  it("carries account, user, transport and draft, and hides the PKCE verifier", async () => {
    const { state } = await start();
    const verified = verifyState(state);
    expect(verified).toMatchObject({ accountId: 7, userId: 3, provider: "microsoft", transport: "imap_smtp", draft: { email: "shared@example.test", name: "Support" } });
    expect(verified.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(Buffer.from(state.split(".")[0], "base64url").toString()).not.toContain(verified.codeVerifier);
  });

  it("refuses an altered state and an expired one, in words", async () => {
    const { state } = await start();
    const [data, mac] = state.split(".");
    const payload = JSON.parse(Buffer.from(data, "base64url").toString());
    const forged = `${Buffer.from(JSON.stringify({ ...payload, accountId: 8 })).toString("base64url")}.${mac}`;
    expect(() => verifyState(forged)).toThrow(/altered/);
    expect(() => verifyState(`${data}.${mac.slice(0, -2)}AA`)).toThrow(/altered/);
    expect(() => verifyState("nonsense")).toThrow(/malformed/);
    expect(() => verifyState(state, Date.now() + STATE_TTL_MS + 1000)).toThrow(/expired \(it is valid for 10 minutes\)/);

    const old = signState({ accountId: 1, userId: 1, provider: "google", transport: "imap_smtp", draft: {}, codeVerifier: "v".repeat(43) }, Date.now() - STATE_TTL_MS - 1);
    expect(() => verifyState(old)).toThrow(expect.objectContaining({ code: "invalid" }));
  });

  it("signed with another server's AUTH_SECRET is refused", async () => {
    const { state } = await start();
    setEnvVar("AUTH_SECRET", "another-server-secret");
    try {
      expect(() => verifyState(state)).toThrow(/altered/);
    } finally {
      setEnvVar("AUTH_SECRET", "restored-secret");
    }
  });
});

describe("the authorization request", () => {
  it("asks Microsoft's tenant authority for the Outlook IMAP/SMTP audience with PKCE S256", async () => {
    const { url, state } = await start("microsoft", "imap_smtp");
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`${idp().url}/contoso.test/oauth2/v2.0/authorize`);
    expect(parsed.searchParams.get("scope")).toBe("https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send openid email profile offline_access");
    expect(parsed.searchParams.get("code_challenge_method")).toBe("S256");
    expect(parsed.searchParams.get("redirect_uri")).toBe("http://127.0.0.1:3999/api/oauth/microsoft/callback");
    expect(parsed.searchParams.get("state")).toBe(state);
  });

  it("asks for the Graph audience for the graph transport, and Google for mail.google.com with offline access", async () => {
    const graph = new URL((await start("microsoft", "graph")).url);
    expect(graph.searchParams.get("scope")).toBe("https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/Mail.Send openid email profile offline_access");
    const google = new URL((await start("google", "imap_smtp")).url);
    expect(google.searchParams.get("scope")).toBe("https://mail.google.com/ openid email");
    expect(google.searchParams.get("access_type")).toBe("offline");
    expect(google.searchParams.get("prompt")).toBe("consent");
    await expect(start("google", "graph")).rejects.toThrow(/Google mailboxes connect through IMAP/);
  });

  it("asks a national cloud's audiences when its URLs are configured", async () => {
    setEnvVar("OUTLOOK_RESOURCE_URL", "https://outlook.office365.us");
    setEnvVar("GRAPH_BASE_URL", "https://graph.microsoft.us/v1.0");
    try {
      expect(new URL((await start("microsoft", "imap_smtp")).url).searchParams.get("scope")).toBe(
        "https://outlook.office365.us/IMAP.AccessAsUser.All https://outlook.office365.us/SMTP.Send openid email profile offline_access",
      );
      expect(new URL((await start("microsoft", "graph")).url).searchParams.get("scope")).toBe(
        "https://graph.microsoft.us/Mail.ReadWrite https://graph.microsoft.us/Mail.Send openid email profile offline_access",
      );
    } finally {
      setEnvVar("OUTLOOK_RESOURCE_URL", "");
      setEnvVar("GRAPH_BASE_URL", "");
    }
  });

  it("names the missing variable instead of failing at the provider", async () => {
    setEnvVar("MICROSOFT_CLIENT_SECRET", "");
    try {
      await expect(start("microsoft")).rejects.toThrow(/MICROSOFT_CLIENT_SECRET is not set/);
      expect(() => providerConfig("microsoft")).toThrow(expect.objectContaining({ code: "invalid" }));
    } finally {
      setEnvVar("MICROSOFT_CLIENT_SECRET", "postdesk-test-secret");
    }
  });
});

describe("exchanging the code", () => {
  it("gets tokens with the PKCE verifier from the state, and the Google account's address from its ID token", async () => {
    idp().signIn({ email: "agent@example.test" });
    const before = idp().tokenRequests.authorization_code;
    const { url } = await start("google", "imap_smtp");
    const { state, tokens } = await exchangeCode({ provider: "google", callbackParams: await consent(url) });
    expect(idp().tokenRequests.authorization_code).toBe(before + 1);
    expect(state).toMatchObject({ accountId: 7, transport: "imap_smtp", draft: { email: "shared@example.test" } });
    expect(tokens.accessToken).toMatch(/^at-/);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(tokens.scopes).toBe("https://mail.google.com/ openid email");
    expect(tokens.signedInEmail).toBe("agent@example.test");
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("is refused when the verifier does not match the challenge (a code replayed with another state)", async () => {
    const first = await start("microsoft");
    const second = await start("microsoft");
    const callback = await consent(first.url);
    // Same code, but the state (and so the verifier) of another sign-in.
    callback.set("state", second.state);
    await expect(exchangeCode({ provider: "microsoft", callbackParams: callback })).rejects.toThrow(/Microsoft refused.*Invalid code verifier/);
  });

  it("uses a code once, and reports a denied consent in words", async () => {
    const { url } = await start("microsoft");
    const callback = await consent(url);
    await exchangeCode({ provider: "microsoft", callbackParams: callback });
    await expect(exchangeCode({ provider: "microsoft", callbackParams: callback })).rejects.toThrow(/Malformed auth code/);

    const denied = new URLSearchParams({ state: (await start("microsoft")).state, error: "access_denied", error_description: "The user declined to consent." });
    await expect(exchangeCode({ provider: "microsoft", callbackParams: denied })).rejects.toThrow("Microsoft did not grant access: The user declined to consent.");
  });

  it("is refused in words when the provider withheld a scope the transport needs", async () => {
    idp().signIn({ email: "agent@example.test", withheldScopes: ["https://outlook.office.com/SMTP.Send"] });
    try {
      const { url } = await start("microsoft", "imap_smtp");
      await expect(exchangeCode({ provider: "microsoft", callbackParams: await consent(url) })).rejects.toThrow(
        "Microsoft did not grant https://outlook.office.com/SMTP.Send, which this transport needs. An administrator may have to grant consent for the app (API permissions), then try again.",
      );
      // The IMAP-only transport does not need it.
      const imapOnly = await start("microsoft", "imap_api");
      await expect(exchangeCode({ provider: "microsoft", callbackParams: await consent(imapOnly.url) })).resolves.toMatchObject({ state: { transport: "imap_api" } });
    } finally {
      idp().signIn({ email: "agent@example.test" });
    }
  });

  it("refuses a state started for the other provider", async () => {
    const { url } = await start("google");
    await expect(exchangeCode({ provider: "microsoft", callbackParams: await consent(url) })).rejects.toThrow(/started for another provider/);
  });
});
