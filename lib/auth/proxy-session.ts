import { claimedUserId, sessionClaims } from "./session-cookie";

/**
 * The proxy's question for a page of the agent app, "does this request carry a live session
 * cookie?", answered from the cookie alone while the cookie is recent. Auth.js's own pass answers it
 * by running a Request through its handler: cookie parsing, the CSRF cookie's SHA-256 check (or a new
 * one made and set), the callbacks, a re-encoded session cookie and a Response whose Set-Cookie
 * headers are copied onto the page. That costs about as much as a small page's own work, on every
 * signed-in page view.
 *
 * Here: the cookie must decrypt with the secret and its own name as salt (the per-process cache of
 * lib/auth/jwt-cache.ts, which also refuses an expired token), carry a user id, and have been issued
 * less than SESSION_RENEW_AFTER_SECONDS ago. Anything else (no cookie, a forged, expired or old one)
 * returns null and the proxy takes Auth.js's pass as before, which renews the cookie (a sliding
 * 30-day session, now extended at most once a day instead of on every page) or sends the visitor
 * to sign-in. Like Auth.js's pass, this does not check revocation: pages do (session-cookie.ts).
 */
export const SESSION_RENEW_AFTER_SECONDS = 24 * 60 * 60;

type Cookie = { name: string; value: string };

export async function recentSessionUserId(cookies: readonly Cookie[], secret: string | undefined, nowMs = Date.now()): Promise<number | null> {
  const claims = await sessionClaims(cookies, secret);
  const userId = claimedUserId(claims);
  const { iat, exp } = claims ?? {};
  if (userId === null || typeof iat !== "number" || typeof exp !== "number") return null;
  const now = nowMs / 1000;
  // A clock step backwards must not make a token look new forever: iat in the future is not recent.
  if (exp <= now || iat > now + 60 || now - iat >= SESSION_RENEW_AFTER_SECONDS) return null;
  return userId;
}
