import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { getOAuthInboxSummary } from "@/lib/inboxes/oauth-inbox-summary";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { setEnvVar } from "@/lib/env";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useFakeGraph } from "../graph/graph-helpers";
import { consent, createOAuthInbox, credentialRow, expireAccessTokenIn, signInThroughProvider, useFakeOAuthProvider } from "./oauth-helpers";

/**
 * Who authorized a Microsoft mailbox: the ID token Microsoft returns for `openid email profile`
 * names the delegate (a shared mailbox's Full Access holder). Microsoft signs it as
 * `<authority>/<tenant id>/v2.0` even when the app uses `common` or a domain as the tenant.
 */
const db = useTestDatabase();
const idp = useFakeOAuthProvider({ idToken: true });
const graph = useFakeGraph(idp);

describe("the delegate's address from Microsoft's ID token", () => {
  it("the account that authorized a Graph inbox is saved and shown as who authorized it", async () => {
    const { account, admin } = await f.createWorkspace(db());
    idp().signIn({ email: "licensed@contoso.test" });
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "graph", email: "licensed@contoso.test", name: "Licensed" });
    expect(new URL(url).searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile", "offline_access"]));
    const done = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await consent(url) });

    expect(await credentialRow(db(), done.inboxId)).toMatchObject({ mailboxAddress: "licensed@contoso.test", delegateEmail: "licensed@contoso.test", transport: "graph" });
    expect(await getOAuthInboxSummary(db(), userActor(admin.id), account.id, done.inboxId)).toMatchObject({ delegateEmail: "licensed@contoso.test" });
    expect(graph().requests.some((r) => r.path.includes("/mailFolders('inbox')") && r.status === 200)).toBe(true);
  });

  it("names the delegate signing in for a shared mailbox (IMAP transport), from the email claim", async () => {
    idp().signIn({ email: "alice@contoso.test", mailbox: "support@contoso.test" });
    const { tokens } = await signInThroughProvider({ accountId: 1, provider: "microsoft", transport: "imap_smtp", mailbox: "support@contoso.test" });
    expect(tokens.signedInEmail).toBe("alice@contoso.test");
  });

  it("falls back to preferred_username when the account has no email claim (IMAP transport)", async () => {
    idp().signIn({ email: "bob@contoso.test", mailbox: "shared@contoso.test", withheldScopes: ["email"] });
    try {
      const { tokens } = await signInThroughProvider({ accountId: 1, provider: "microsoft", transport: "imap_smtp", mailbox: "shared@contoso.test" });
      expect(tokens.signedInEmail).toBe("bob@contoso.test");
    } finally {
      idp().signIn({ email: "user@example.test" });
    }
  });

  it("a renewal answered with a new ID token (Microsoft sends one) is accepted and the rotated refresh token saved", async () => {
    const { account } = await f.createWorkspace(db());
    const { scope, credential, tokens } = await createOAuthInbox(db(), idp(), { accountId: account.id, mailbox: "renew@contoso.test", delegate: "carol@contoso.test" });
    await expireAccessTokenIn(db(), scope, 60_000);
    const renewed = await getAccessToken(db(), scope);
    expect(renewed).toMatchObject({ mailboxAddress: "renew@contoso.test", delegateEmail: "carol@contoso.test" });
    expect(renewed.accessToken).toBe(idp().latestAccessToken("renew@contoso.test"));
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect((await credentialRow(db(), scope.inboxId)).refreshTokenEnc).not.toBe(credential.refreshTokenEnc);
  });

  it("refuses an ID token signed for another authority (the issuer is still checked, per tenant)", async () => {
    // Same server, named differently: the tokens' issuer (127.0.0.1/<tenant id>) is not this authority's.
    const url = new URL(idp().url);
    setEnvVar("MICROSOFT_AUTHORITY_URL", `http://localhost:${url.port}`);
    try {
      await expect(signInThroughProvider({ accountId: 1, provider: "microsoft", transport: "imap_smtp", mailbox: "x@contoso.test" })).rejects.toThrow(/issuer/);
    } finally {
      setEnvVar("MICROSOFT_AUTHORITY_URL", idp().url);
    }
  });
});
