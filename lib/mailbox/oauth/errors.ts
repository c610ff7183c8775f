import { OperationProcessingError, ResponseBodyError } from "oauth4webapi";
import { AppError } from "@/lib/errors";

/**
 * A token endpoint failure, in words for the inbox panel. `reconnectNeeded`: the provider refused
 * the saved sign-in (invalid_grant, AADSTS…) and only an admin signing in again can fix it.
 * `retryable`: the provider or the network had a moment (5xx, timeout); try again later.
 * Anything else (a wrong client secret) needs the server's configuration fixed.
 */
export class OAuthTokenError extends AppError {
  constructor(
    message: string,
    readonly reconnectNeeded: boolean,
    readonly retryable: boolean,
  ) {
    super(retryable ? "unavailable" : "invalid", message);
    this.name = "OAuthTokenError";
  }
}

/** Known Microsoft sign-in errors, in words. */
const AADSTS: Record<string, string> = {
  "700082": "the refresh token has expired",
  "70008": "the refresh token has expired",
  "50173": "the sign-in was revoked, for example after a password change",
  "50078": "multi-factor authentication is now required",
  "50076": "multi-factor authentication is now required",
  "50079": "multi-factor authentication must be set up",
  "53003": "Conditional Access blocked the sign-in",
  "65001": "consent for the app was withdrawn",
  "50057": "the account is disabled",
  "50053": "the account is locked",
  "50126": "the user name or password is wrong",
  "700016": "the app is not registered in this directory",
  "7000215": "the app's client secret is wrong",
  "7000222": "the app's client secret has expired",
  "90002": "the directory (tenant) was not found",
};
/** Errors about the app registration: signing in again does not help, the server's config must change. */
const APP_CONFIG_CODES = new Set(["700016", "7000215", "7000222", "90002"]);

function firstSentence(text: string): string {
  return text.split(/\r?\n/)[0].replace(/\s*Trace ID:.*$/i, "").trim();
}

/** Turns whatever the token request threw into an OAuthTokenError. */
export function describeTokenError(error: unknown, providerLabel: string): OAuthTokenError {
  if (error instanceof OAuthTokenError) return error;
  if (error instanceof ResponseBodyError) {
    const description = error.error_description ?? "";
    const aadsts = /AADSTS(\d+)/.exec(description)?.[1];
    if (error.status >= 500 || error.error === "temporarily_unavailable" || error.error === "server_error") {
      return new OAuthTokenError(`${providerLabel} could not renew the sign-in right now (${error.error}); it will be tried again.`, false, true);
    }
    if (error.error === "invalid_client" || error.error === "unauthorized_client" || (aadsts && APP_CONFIG_CODES.has(aadsts))) {
      const why = aadsts ? `AADSTS${aadsts}: ${AADSTS[aadsts] ?? firstSentence(description)}` : `${error.error}: ${firstSentence(description) || "the client id or secret is wrong"}`;
      return new OAuthTokenError(`${providerLabel} refused this server's app registration (${why}). Check the client id and secret in the server's environment.`, false, false);
    }
    if (aadsts) {
      return new OAuthTokenError(`${providerLabel} refused the saved sign-in (AADSTS${aadsts}: ${AADSTS[aadsts] ?? firstSentence(description)}). Reconnect the mailbox.`, true, false);
    }
    if (error.error === "invalid_grant") {
      const why = firstSentence(description) || "the sign-in expired or was revoked";
      return new OAuthTokenError(`${providerLabel} refused the saved sign-in (${why}). Reconnect the mailbox.`, true, false);
    }
    return new OAuthTokenError(`${providerLabel} refused to renew the sign-in (${error.error}${description ? `: ${firstSentence(description)}` : ""}).`, false, false);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OperationProcessingError && error.cause instanceof Response && (error.cause.status >= 500 || error.cause.status === 429)) {
    return new OAuthTokenError(`${providerLabel} could not renew the sign-in right now (HTTP ${error.cause.status}); it will be tried again.`, false, true);
  }
  if (error instanceof OperationProcessingError) {
    return new OAuthTokenError(`${providerLabel} answered in a way this server cannot accept (${message}).`, false, false);
  }
  return new OAuthTokenError(`Could not reach ${providerLabel} to renew the sign-in (${message}); it will be tried again.`, false, true);
}
