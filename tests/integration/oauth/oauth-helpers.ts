import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { channelEmail, oauthCredentials } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { createAuthorizationRequest, exchangeCode } from "@/lib/mailbox/oauth/authorize";
import { saveOAuthCredential } from "@/lib/mailbox/oauth/credentials-store";
import type { OAuthProviderName, OAuthTransport } from "@/lib/mailbox/oauth/providers";
import { createEmailInboxRow } from "@/tests/support/email-inbox";
import { startFakeOAuthProvider, type FakeOAuthProvider, type FakeOAuthProviderOptions } from "@/tests/support/fake-oauth-provider";

export const CLIENT = { id: "postdesk-test-client", secret: "postdesk-test-secret" };

/**
 * One fake identity provider for the calling test file, with the app's Google and Microsoft
 * settings pointed at it (Microsoft through its authority URL, as a national cloud would be).
 */
export function useFakeOAuthProvider(options: Partial<FakeOAuthProviderOptions> = {}): () => FakeOAuthProvider {
  let idp: FakeOAuthProvider | undefined;
  beforeAll(async () => {
    idp = await startFakeOAuthProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, rotateRefreshTokens: true, ...options });
    setEnvVar("AUTH_SECRET", `oauth-test-${randomBytes(8).toString("hex")}`);
    setEnvVar("ENCRYPTION_KEY", "oauth-test-encryption-key-oauth-test");
    setEnvVar("APP_URL", "http://127.0.0.1:3999");
    setEnvVar("MICROSOFT_CLIENT_ID", CLIENT.id);
    setEnvVar("MICROSOFT_CLIENT_SECRET", CLIENT.secret);
    setEnvVar("MICROSOFT_AUTHORITY_URL", idp.url);
    setEnvVar("MICROSOFT_TENANT", "contoso.test");
    setEnvVar("GOOGLE_CLIENT_ID", CLIENT.id);
    setEnvVar("GOOGLE_CLIENT_SECRET", CLIENT.secret);
    setEnvVar("GOOGLE_AUTH_URL", `${idp.url}/authorize`);
    setEnvVar("GOOGLE_TOKEN_URL", `${idp.url}/token`);
  });
  afterAll(async () => {
    await idp?.stop();
  });
  return () => {
    if (!idp) throw new Error("the fake OAuth provider is not running");
    return idp;
  };
}

/** What a browser does on the consent screen: follow the authorize URL to the callback's query. */
export async function consent(url: string): Promise<URLSearchParams> {
  const response = await fetch(url, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  return new URL(location).searchParams;
}

/** The whole sign-in, from "Authorize" to tokens. */
export async function signInThroughProvider(params: { accountId: number; userId?: number; provider: OAuthProviderName; transport: OAuthTransport; mailbox: string }) {
  const request = await createAuthorizationRequest({ accountId: params.accountId, userId: params.userId ?? 1, provider: params.provider, transport: params.transport, draft: { email: params.mailbox } });
  const callbackParams = await consent(request.url);
  return exchangeCode({ provider: params.provider, callbackParams });
}

/**
 * An OAuth2 email inbox: the sign-in done against the fake, the inbox row, and its credential.
 * IMAP/SMTP point at the given test servers; the SASL user is the mailbox address.
 */
export async function createOAuthInbox(
  db: Db,
  idp: FakeOAuthProvider,
  params: {
    accountId: number;
    provider?: OAuthProviderName;
    transport?: OAuthTransport;
    mailbox: string;
    delegate?: string;
    /** The mailbox the provider's tokens really open (another one: the delegate lacks Full Access). */
    tokensOpen?: string;
    imap?: { host: string; port: number };
  },
) {
  const provider = params.provider ?? "microsoft";
  const transport = params.transport ?? "imap_smtp";
  idp.signIn({ email: params.delegate ?? params.mailbox, mailbox: params.tokensOpen ?? params.mailbox });
  const { tokens } = await signInThroughProvider({ accountId: params.accountId, provider, transport, mailbox: params.mailbox });
  const { inbox, channel } = await createEmailInboxRow(db, params.accountId, {
    email: params.mailbox,
    imap: params.imap ? { ...params.imap, password: "unused", afterImport: "mark_seen" } : undefined,
  });
  await db.update(channelEmail).set({ provider, imapPasswordEnc: null }).where(eq(channelEmail.id, channel.id));
  const credential = await saveOAuthCredential(db, {
    accountId: params.accountId,
    inboxId: inbox.id,
    provider,
    transport,
    mailboxAddress: params.mailbox,
    delegateEmail: params.delegate ?? params.mailbox,
    tenant: provider === "microsoft" ? "contoso.test" : null,
    tokens,
  });
  return { inbox, channel, credential, tokens, scope: { accountId: params.accountId, inboxId: inbox.id } };
}

/** Makes the stored access token look as if it expires in `ms` (the refresh-ahead window is 5 minutes). */
export async function expireAccessTokenIn(db: Db, scope: { accountId: number; inboxId: number }, ms: number) {
  await db
    .update(oauthCredentials)
    .set({ accessTokenExpiresAt: new Date(Date.now() + ms) })
    .where(and(eq(oauthCredentials.accountId, scope.accountId), eq(oauthCredentials.inboxId, scope.inboxId)));
}

export async function credentialRow(db: Db, inboxId: number) {
  const [row] = await db.select().from(oauthCredentials).where(eq(oauthCredentials.inboxId, inboxId));
  return row;
}

export async function channelRow(db: Db, channelId: number) {
  const [row] = await db.select().from(channelEmail).where(eq(channelEmail.id, channelId));
  return row;
}
