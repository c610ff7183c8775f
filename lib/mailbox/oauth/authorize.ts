import * as oauth from "oauth4webapi";
import { AppError } from "@/lib/errors";
import { describeTokenError } from "./errors";
import { type OAuthProviderName, type OAuthTransport, providerConfig, scopesFor, signedInEmailOf, type ProviderConfig } from "./providers";
import { signState, verifyState, type OAuthState } from "./state";

/** Token requests give up after this long: a hanging provider must not hold a poll or a lock. */
export const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

export function requestOptions(config: ProviderConfig): oauth.TokenEndpointRequestOptions {
  return { signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS), [oauth.allowInsecureRequests]: config.allowHttp };
}

export type AuthorizationRequestParams = {
  accountId: number;
  userId: number;
  provider: OAuthProviderName;
  transport: OAuthTransport;
  /** What the wizard collected before the consent screen (mailbox address, name, inbox to reconnect). */
  draft: Record<string, unknown>;
  /** Pre-fills the provider's sign-in (the delegate's or the mailbox's address). */
  loginHint?: string;
};

/**
 * Starts an authorization code + PKCE (S256) sign-in: the URL of the provider's consent screen
 * and the signed state it will hand back to /api/oauth/<provider>/callback.
 */
export async function createAuthorizationRequest(params: AuthorizationRequestParams): Promise<{ url: string; state: string }> {
  if (params.provider === "google" && params.transport === "graph") throw new AppError("invalid", "Google mailboxes connect through IMAP, not Microsoft Graph.");
  const config = providerConfig(params.provider);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = signState({ accountId: params.accountId, userId: params.userId, provider: params.provider, transport: params.transport, draft: params.draft, codeVerifier });
  const url = new URL(config.as.authorization_endpoint ?? "");
  url.searchParams.set("client_id", config.client.client_id);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("scope", scopesFor(params.provider, params.transport).join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  for (const [name, value] of Object.entries(config.authorizeParams)) url.searchParams.set(name, value);
  if (params.loginHint) url.searchParams.set("login_hint", params.loginHint);
  return { url: url.href, state };
}

export type OAuthTokens = {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scopes: string;
  /** The signed-in account's address, from the provider's ID token (null without one). */
  signedInEmail: string | null;
};

/** Seconds of life assumed when a provider leaves expires_in out. */
const DEFAULT_EXPIRES_IN = 3600;

export function tokensFromResponse(response: oauth.TokenEndpointResponse, fallback: { refreshToken?: string; scopes: string }, now = Date.now()) {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? fallback.refreshToken ?? "",
    expiresAt: new Date(now + (response.expires_in ?? DEFAULT_EXPIRES_IN) * 1000),
    scopes: response.scope ?? fallback.scopes,
  };
}

/**
 * Finishes the sign-in at the callback: checks the state (signature, expiry) and the provider's
 * answer, then exchanges the code with the PKCE verifier. Returns the verified state and tokens;
 * the caller verifies mailbox access and saves them with saveOAuthCredential.
 */
export async function exchangeCode(params: { provider: OAuthProviderName; callbackParams: URLSearchParams }): Promise<{ state: OAuthState; tokens: OAuthTokens }> {
  const stateParam = params.callbackParams.get("state") ?? "";
  const state = verifyState(stateParam);
  if (state.provider !== params.provider) throw new AppError("invalid", "The sign-in could not be completed: it was started for another provider. Start again from the inbox settings.");
  const config = providerConfig(params.provider);
  let callback: URLSearchParams;
  try {
    callback = oauth.validateAuthResponse(config.as, config.client, params.callbackParams, stateParam);
  } catch (error) {
    const description = error instanceof oauth.AuthorizationResponseError ? (error.error_description ?? error.error) : String(error);
    throw new AppError("invalid", `${config.label} did not grant access: ${description}`);
  }
  let response: oauth.TokenEndpointResponse;
  try {
    const res = await oauth.authorizationCodeGrantRequest(config.as, config.client, config.clientAuth, callback, config.redirectUri, state.codeVerifier, requestOptions(config));
    response = await oauth.processAuthorizationCodeResponse(config.as, config.client, res);
  } catch (error) {
    const problem = describeTokenError(error, config.label);
    // The admin is at the callback: "try again" is the advice in every case.
    const words = problem.message.replace("renew the sign-in", "complete the sign-in").replace(" Reconnect the mailbox.", " Try again.").replace("it will be tried again", "try again in a moment");
    throw new AppError(problem.code, words);
  }
  const requested = scopesFor(params.provider, state.transport);
  const tokens = tokensFromResponse(response, { scopes: requested.join(" ") });
  const missing = missingScopes(requested, response.scope);
  if (missing.length > 0) {
    throw new AppError(
      "invalid",
      `${config.label} did not grant ${missing.join(", ")}, which this transport needs. An administrator may have to grant consent for the app (API permissions), then try again.`,
    );
  }
  if (!tokens.refreshToken) {
    throw new AppError("invalid", `${config.label} did not return a refresh token, so the mailbox could not stay connected. Remove the app's access in the account settings and try again.`);
  }
  const signedInEmail = signedInEmailOf(oauth.getValidatedIdTokenClaims(response));
  return { state, tokens: { ...tokens, signedInEmail } };
}

/** OpenID scopes are not echoed back by every provider (Google names email differently). */
const NOT_ECHOED = new Set(["openid", "email", "profile", "offline_access"]);

/** The requested mail scopes missing from what the provider says it granted (nothing when it does not say). */
export function missingScopes(requested: string[], granted: string | undefined): string[] {
  if (!granted) return [];
  const have = new Set(granted.split(/\s+/).map((s) => s.toLowerCase()));
  return requested.filter((s) => !NOT_ECHOED.has(s) && !have.has(s.toLowerCase()));
}
