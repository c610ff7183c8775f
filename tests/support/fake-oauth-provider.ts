import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OAuth2 identity provider speaking Google's and Microsoft's wire formats, on a loopback
 * port: /authorize (redirects back with code + state, as if the user consented), /token
 * (authorization_code with PKCE S256 checked, refresh_token with rotation, scripted error bodies
 * such as invalid_grant or AADSTS…), and /introspect for Dovecot's oauth2 passdb. Point
 * GOOGLE_AUTH_URL/GOOGLE_TOKEN_URL or MICROSOFT_AUTHORITY_URL at `url` (Microsoft paths
 * `/<tenant>/oauth2/v2.0/authorize|token` are served too).
 *
 *   const idp = await startFakeOAuthProvider({ clientId: "id", clientSecret: "secret" });
 *   idp.signIn({ email: "agent@example.test", mailbox: "shared@example.test" });
 */
export type FakeSignIn = {
  /** Who consents (the delegate). */
  email: string;
  /** The mailbox the issued tokens open over IMAP/SMTP (introspection's `email`); defaults to `email`. */
  mailbox?: string;
  /** Requested scopes left out of the grant (no admin consent for them). */
  withheldScopes?: string[];
};

export type TokenFailure = { status: number; body: Record<string, unknown>; times?: number };

export type FakeOAuthProviderOptions = {
  clientId: string;
  clientSecret: string;
  /** expires_in of issued access tokens, in seconds. */
  accessTokenTtl?: number;
  /** Issue a new refresh token on every refresh and revoke the old one (Microsoft does). */
  rotateRefreshTokens?: boolean;
  /**
   * Add an OpenID id_token (claims only: the signature is not checked over TLS) when `openid` was
   * asked for. Google-style on /token (`iss` = this origin, `email`); Microsoft-style on
   * /<tenant>/oauth2/v2.0/token: `iss` = `<origin>/<tenant id>/v2.0` whatever tenant the path
   * names (as Microsoft signs for `common` or a domain), `tid`, `preferred_username` with
   * `profile`, `email` with `email`. On refresh too, as both providers do.
   */
  idToken?: boolean;
  /** Delay before answering /token, in ms (to widen races in tests). */
  tokenDelayMs?: number;
};

type Grant = { email: string; mailbox: string; scope: string };
type Issued = Grant & { expiresAt: number };

export type FakeOAuthProvider = {
  url: string;
  /** Dovecot's introspection_url. */
  introspectionUrl: string;
  signIn(user: FakeSignIn): void;
  /** Answer the next /token requests with this error (all of them when `times` is omitted). */
  failToken(failure: TokenFailure): void;
  /** Revoke a refresh token (the next refresh with it gets invalid_grant). */
  revokeRefreshToken(token: string): void;
  /** Turn refresh token rotation on (Microsoft) or off (Google) from now on. */
  setRotation(on: boolean): void;
  /** Revoke a user's access tokens before they expire (refresh tokens keep working). */
  revokeAccessTokens(email: string): void;
  /** Revoke every refresh token of a user (password change, admin revocation). */
  revokeUser(email: string): void;
  /** /token requests seen, by grant_type. */
  tokenRequests: { authorization_code: number; refresh_token: number };
  /** The query of the last /authorize request. */
  lastAuthorize(): URLSearchParams | null;
  issuedAccessTokens(): string[];
  /** The newest unexpired access token that opens this mailbox (what an SMTP server would accept). */
  latestAccessToken(mailbox: string): string | undefined;
  liveRefreshTokens(): string[];
  stop(): Promise<void>;
};

const b64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

/** The directory id the fake Microsoft puts in `tid` and in the ID token's issuer. */
export const FAKE_TENANT_ID = "7c0e4f0a-5d1b-4c8e-9f3a-2b6d8e1c4a70";

export async function startFakeOAuthProvider(options: FakeOAuthProviderOptions): Promise<FakeOAuthProvider> {
  const ttl = options.accessTokenTtl ?? 3600;
  const codes = new Map<string, Grant & { clientId: string; redirectUri: string; challenge: string }>();
  const refreshTokens = new Map<string, Grant>();
  const accessTokens = new Map<string, Issued>();
  const tokenRequests = { authorization_code: 0, refresh_token: 0 };
  let user: FakeSignIn = { email: "user@example.test" };
  let failure: TokenFailure | null = null;
  let lastAuthorize: URLSearchParams | null = null;
  let origin = "";
  let rotate = options.rotateRefreshTokens ?? false;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", pragma: "no-cache" });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: http.ServerResponse, status: number, error: string, description: string) => json(res, status, { error, error_description: description });

  function idTokenClaims(grant: Grant, clientId: string, microsoft: boolean): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const sub = createHash("sha256").update(grant.email).digest("hex").slice(0, 21);
    const base = { aud: clientId, sub, iat: now, exp: now + ttl };
    if (!microsoft) return { ...base, iss: origin, email: grant.email, email_verified: true };
    const scopes = grant.scope.split(" ");
    return {
      ...base,
      iss: `${origin}/${FAKE_TENANT_ID}/v2.0`,
      nbf: now,
      tid: FAKE_TENANT_ID,
      ver: "2.0",
      ...(scopes.includes("profile") ? { preferred_username: grant.email, name: grant.email.split("@")[0] } : {}),
      ...(scopes.includes("email") ? { email: grant.email } : {}),
    };
  }

  function issue(grant: Grant, clientId: string, microsoft: boolean) {
    const accessToken = `at-${randomBytes(18).toString("base64url")}`;
    accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + ttl * 1000 });
    const refreshToken = `rt-${randomBytes(18).toString("base64url")}`;
    refreshTokens.set(refreshToken, grant);
    const body: Record<string, unknown> = { token_type: "Bearer", scope: grant.scope, expires_in: ttl, ext_expires_in: ttl, access_token: accessToken, refresh_token: refreshToken };
    if (options.idToken && grant.scope.split(" ").includes("openid")) {
      const claims = idTokenClaims(grant, clientId, microsoft);
      body.id_token = `${b64url(JSON.stringify({ alg: "RS256", kid: "fake", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}.${b64url(randomBytes(32))}`;
    }
    return { body, refreshToken };
  }

  function clientOk(form: URLSearchParams, req: http.IncomingMessage): boolean {
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (basic) [id, secret] = Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent);
    return id === options.clientId && secret === options.clientSecret;
  }

  async function token(form: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse, microsoft: boolean) {
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code" || grantType === "refresh_token") tokenRequests[grantType] += 1;
    if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
    if (failure) {
      const { status, body } = failure;
      if (failure.times !== undefined && --failure.times <= 0) failure = null;
      return json(res, status, body);
    }
    if (!clientOk(form, req)) return oauthError(res, 401, "invalid_client", "Client authentication failed.");
    if (grantType === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!code || code.clientId !== options.clientId) return oauthError(res, 400, "invalid_grant", "Malformed auth code.");
      if (code.redirectUri !== form.get("redirect_uri")) return oauthError(res, 400, "invalid_grant", "Bad Request: redirect_uri mismatch.");
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge) return oauthError(res, 400, "invalid_grant", "Invalid code verifier.");
      return json(res, 200, issue(code, options.clientId, microsoft).body);
    }
    if (grantType === "refresh_token") {
      const old = form.get("refresh_token") ?? "";
      const grant = refreshTokens.get(old);
      if (!grant) return oauthError(res, 400, "invalid_grant", "Token has been expired or revoked.");
      const { body, refreshToken } = issue(grant, options.clientId, microsoft);
      if (rotate) refreshTokens.delete(old);
      else {
        refreshTokens.delete(refreshToken);
        delete body.refresh_token; // Google keeps the refresh token and leaves it out of the answer
      }
      return json(res, 200, body);
    }
    return oauthError(res, 400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
  }

  function authorize(query: URLSearchParams, res: http.ServerResponse) {
    lastAuthorize = query;
    const redirectUri = query.get("redirect_uri") ?? "";
    if (query.get("client_id") !== options.clientId || !redirectUri) return oauthError(res, 400, "invalid_request", "Unknown client or missing redirect_uri.");
    const back = new URL(redirectUri);
    back.searchParams.set("state", query.get("state") ?? "");
    if (query.get("response_type") !== "code" || query.get("code_challenge_method") !== "S256" || !query.get("code_challenge")) {
      back.searchParams.set("error", "invalid_request");
      back.searchParams.set("error_description", "PKCE with S256 and response_type=code are required.");
    } else {
      const code = `code-${randomBytes(18).toString("base64url")}`;
      const withheld = new Set(user.withheldScopes ?? []);
      const scope = (query.get("scope") ?? "").split(" ").filter((s) => !withheld.has(s)).join(" ");
      codes.set(code, { email: user.email, mailbox: user.mailbox ?? user.email, scope, clientId: options.clientId, redirectUri, challenge: query.get("code_challenge") ?? "" });
      back.searchParams.set("code", code);
    }
    res.writeHead(302, { location: back.href });
    res.end();
  }

  function introspect(form: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse) {
    const tokenValue = form.get("token") ?? (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const issued = accessTokens.get(tokenValue);
    if (!issued || issued.expiresAt <= Date.now()) return json(res, 401, { active: false });
    return json(res, 200, { active: true, email: issued.mailbox, sub: issued.email, scope: issued.scope, exp: Math.floor(issued.expiresAt / 1000) });
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", origin);
      const microsoft = /^\/[^/]+\/oauth2\/v2\.0\//.test(url.pathname);
      const path = url.pathname.replace(/^\/[^/]+\/oauth2\/v2\.0/, ""); // Microsoft: /<tenant>/oauth2/v2.0/<endpoint>
      const form = new URLSearchParams(raw);
      Promise.resolve()
        .then(() => {
          if (path === "/authorize" && req.method === "GET") return authorize(url.searchParams, res);
          if (path === "/token" && req.method === "POST") return token(form, req, res, microsoft);
          if (path === "/introspect") return introspect(form, req, res);
          return json(res, 404, { error: "not_found" });
        })
        .catch((error: unknown) => json(res, 500, { error: "server_error", error_description: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    introspectionUrl: `${origin}/introspect`,
    signIn: (next) => {
      user = next;
    },
    failToken: (next) => {
      failure = { ...next };
    },
    revokeRefreshToken: (value) => {
      refreshTokens.delete(value);
    },
    setRotation: (on) => {
      rotate = on;
    },
    revokeAccessTokens: (email) => {
      for (const [value, issued] of accessTokens) if (issued.email === email) accessTokens.delete(value);
    },
    revokeUser: (email) => {
      for (const [value, grant] of refreshTokens) if (grant.email === email) refreshTokens.delete(value);
    },
    tokenRequests,
    lastAuthorize: () => lastAuthorize,
    issuedAccessTokens: () => [...accessTokens.keys()],
    latestAccessToken: (mailbox) => [...accessTokens].filter(([, t]) => t.mailbox === mailbox && t.expiresAt > Date.now()).at(-1)?.[0],
    liveRefreshTokens: () => [...refreshTokens.keys()],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
