import * as oauth from "oauth4webapi";
import { ClientSecretPost } from "oauth4webapi";
import { appUrl, env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type OAuthProviderName = "google" | "microsoft";
export type OAuthTransport = "imap_smtp" | "imap_api" | "graph";

/**
 * Microsoft's OpenID scopes, asked with every transport: offline_access for a refresh token, and
 * an ID token naming who signed in (`email`, and `preferred_username` with `profile`) — the
 * delegate of a shared mailbox, shown as "Authorized by" on the inbox.
 */
const MICROSOFT_OPENID = ["openid", "email", "profile", "offline_access"];

/**
 * Scopes per provider and transport (docs/email.md, Microsoft 365 and Google). Outlook IMAP/SMTP and Microsoft Graph are
 * different audiences: a token for one is refused by the other, so each transport asks for its own.
 */
export function scopesFor(provider: OAuthProviderName, transport: OAuthTransport): string[] {
  if (provider === "google") return ["https://mail.google.com/", "openid", "email"];
  // Audiences from env: national clouds name their own (graph.microsoft.us, outlook.office365.us).
  if (transport === "graph") {
    const graph = new URL(env().GRAPH_BASE_URL).origin;
    return [`${graph}/Mail.ReadWrite`, `${graph}/Mail.Send`, ...MICROSOFT_OPENID];
  }
  const outlook = env().OUTLOOK_RESOURCE_URL.replace(/\/$/, "");
  // imap_api sends through an email HTTP API: IMAP is all it needs from Microsoft.
  if (transport === "imap_api") return [`${outlook}/IMAP.AccessAsUser.All`, ...MICROSOFT_OPENID];
  return [`${outlook}/IMAP.AccessAsUser.All`, `${outlook}/SMTP.Send`, ...MICROSOFT_OPENID];
}

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * The signed-in account's address from validated ID token claims: Google's `email`; Microsoft's
 * `email` when the account has one, else `preferred_username` (the sign-in name, usually the
 * UPN) when it looks like an address. Null without an ID token.
 */
export function signedInEmailOf(claims: Record<string, unknown> | undefined): string | null {
  for (const value of [claims?.email, claims?.preferred_username]) {
    if (typeof value === "string" && ADDRESS.test(value.trim())) return value.trim().toLowerCase();
  }
  return null;
}

/**
 * oauth4webapi's hook for issuers that carry the tenant: Microsoft's `common`/`organizations`
 * authorities and domain-named tenants sign ID tokens as `<authority>/<tenant id>/v2.0`, with
 * the tenant id in `tid`. Not in oauth4webapi's type declarations (the version is pinned and
 * tests/integration/oauth checks a Microsoft ID token end to end).
 */
const expectedIssuerHook = (oauth as unknown as { _expectedIssuer?: symbol })._expectedIssuer;

function microsoftIssuerByTenant(authorityUrl: string): Record<symbol, unknown> {
  if (!expectedIssuerHook) return {};
  const expected = (result: { claims: { tid?: unknown } }) => (typeof result.claims.tid === "string" ? `${authorityUrl}/${encodeURIComponent(result.claims.tid)}/v2.0` : undefined);
  return { [expectedIssuerHook]: expected };
}

export type ProviderConfig = {
  provider: OAuthProviderName;
  /** Who the provider is, in words ("Google", "Microsoft"). */
  label: string;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  redirectUri: string;
  /** Plain http is only allowed for a provider on this machine (local fakes in tests). */
  allowHttp: boolean;
  /** Extra parameters on the authorization URL. */
  authorizeParams: Record<string, string>;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function isLoopbackHttp(...urls: string[]): boolean {
  return urls.every((u) => {
    const url = new URL(u);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  }) && urls.some((u) => new URL(u).protocol === "http:");
}

function required(name: "GOOGLE_CLIENT_ID" | "GOOGLE_CLIENT_SECRET" | "MICROSOFT_CLIENT_ID" | "MICROSOFT_CLIENT_SECRET"): string {
  const value = env()[name];
  if (!value) throw new AppError("invalid", `${name} is not set: add it to the server's environment (see .env.example) to connect mailboxes with OAuth2.`);
  return value;
}

/** The Microsoft authority for one directory, the same in every process: `<authority>/<tenant>`. */
export function microsoftAuthority(tenant?: string | null): string {
  const e = env();
  return `${e.MICROSOFT_AUTHORITY_URL.replace(/\/$/, "")}/${encodeURIComponent(tenant || e.MICROSOFT_TENANT)}`;
}

/**
 * Endpoints and client for a provider, from env. `tenant` (Microsoft) is the directory saved with
 * the credential; without it MICROSOFT_TENANT (default `common`) is used.
 */
export function providerConfig(provider: OAuthProviderName, options: { tenant?: string | null } = {}): ProviderConfig {
  const e = env();
  const redirectUri = `${appUrl()}/api/oauth/${provider}/callback`;
  if (provider === "google") {
    const clientId = required("GOOGLE_CLIENT_ID");
    const clientSecret = required("GOOGLE_CLIENT_SECRET");
    // Google's ID tokens name accounts.google.com; a replacement endpoint (a local fake) names its own origin.
    const issuer = new URL(e.GOOGLE_AUTH_URL).hostname === "accounts.google.com" ? "https://accounts.google.com" : new URL(e.GOOGLE_AUTH_URL).origin;
    return {
      provider,
      label: "Google",
      as: { issuer, authorization_endpoint: e.GOOGLE_AUTH_URL, token_endpoint: e.GOOGLE_TOKEN_URL },
      client: { client_id: clientId },
      clientAuth: ClientSecretPost(clientSecret),
      redirectUri,
      allowHttp: isLoopbackHttp(e.GOOGLE_AUTH_URL, e.GOOGLE_TOKEN_URL),
      // offline + consent: Google sends a refresh token only on a consent screen.
      authorizeParams: { access_type: "offline", prompt: "consent" },
    };
  }
  const clientId = required("MICROSOFT_CLIENT_ID");
  const clientSecret = required("MICROSOFT_CLIENT_SECRET");
  const authority = microsoftAuthority(options.tenant);
  const endpoints = { authorization_endpoint: `${authority}/oauth2/v2.0/authorize`, token_endpoint: `${authority}/oauth2/v2.0/token` };
  return {
    provider,
    label: "Microsoft",
    as: { issuer: `${authority}/v2.0`, ...endpoints, ...microsoftIssuerByTenant(e.MICROSOFT_AUTHORITY_URL.replace(/\/$/, "")) },
    client: { client_id: clientId },
    clientAuth: ClientSecretPost(clientSecret),
    redirectUri,
    allowHttp: isLoopbackHttp(endpoints.authorization_endpoint, endpoints.token_endpoint),
    authorizeParams: { prompt: "select_account" },
  };
}
