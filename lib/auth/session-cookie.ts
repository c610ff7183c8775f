import type { DbOrTx } from "@/db/client";
import type { JWT } from "next-auth/jwt";
import { sessionJwtCodec } from "./jwt-cache";
import { currentSessionUser } from "./session-version";

/**
 * The signed-in user straight from the session cookie, for pages and server actions. Auth.js's own
 * `auth()` answers the same question by building a Request for its /session endpoint, running it
 * through its handler (cookie parsing, decode, callbacks, a re-encoded cookie nobody sets, a
 * Response and its JSON): a signed-in page paid that on top of the proxy's own pass. Here the same
 * checks, without that round trip:
 * - the cookie must decrypt with AUTH_SECRET and its own name as salt (Auth.js's `decode`, through
 *   the per-process cache of lib/auth/jwt-cache.ts), and the token must not have expired (checked
 *   by `decode` and by the cache);
 * - the token must carry the claims auth.ts's `jwt` callback requires, and the database must say the
 *   session version is current and the session was not signed out (`currentSessionUser`).
 * Only the cookie is read: no header a client could set stands for a session.
 */
export type SessionUser = { id: number; name: string; email: string };
type Cookie = { name: string; value: string };

/** Auth.js's session cookie on https, then on plain http (the name is also the key's salt). */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The token under `name`: whole, or in the chunks (`name.0`, `name.1`, …) Auth.js splits a large one into. */
function tokenUnder(cookies: readonly Cookie[], name: string): string | null {
  const whole = cookies.find((cookie) => cookie.name === name);
  if (whole) return whole.value || null;
  const chunks: { index: number; value: string }[] = [];
  for (const cookie of cookies) {
    if (!cookie.name.startsWith(`${name}.`)) continue;
    const index = Number(cookie.name.slice(name.length + 1));
    if (Number.isInteger(index) && index >= 0) chunks.push({ index, value: cookie.value });
  }
  chunks.sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map((chunk) => chunk.value).join("") : null;
}

/**
 * The claims of the session cookie (the https name first), or null: none, or one that does not
 * decrypt with the secret and its name as salt, or has expired. Auth.js answers "no session" to
 * the same; the first cookie found decides.
 */
export async function sessionClaims(cookies: readonly Cookie[], secret: string | undefined): Promise<JWT | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    const token = tokenUnder(cookies, name);
    if (!token) continue;
    return sessionJwtCodec.decode({ token, secret, salt: name }).catch(() => null);
  }
  return null;
}

/** A user id as the session's claims carry it (an int4 key), or null. */
export const claimedUserId = (claims: JWT | null): number | null => {
  const userId = claims?.userId;
  return typeof userId === "number" && Number.isSafeInteger(userId) && userId > 0 && userId < 2 ** 31 ? userId : null;
};

export async function sessionUserFromCookies(db: DbOrTx, cookies: readonly Cookie[], secret: string | undefined): Promise<SessionUser | null> {
  const claims = await sessionClaims(cookies, secret);
  const userId = claimedUserId(claims);
  const sessionVersion = claims?.sessionVersion;
  const sessionId = claims?.sessionId;
  if (userId === null || typeof sessionVersion !== "number" || typeof sessionId !== "string") return null;
  return currentSessionUser(db, userId, sessionVersion, sessionId);
}

/**
 * The user id the session cookie names, from its decryption alone (no database check): only a
 * hint, for starting a read that is used once the full check (sessionUserFromCookies) has named
 * the same user.
 */
export const sessionUserIdHint = async (cookies: readonly Cookie[], secret: string | undefined): Promise<number | null> => claimedUserId(await sessionClaims(cookies, secret));
