import type { DbOrTx } from "@/db/client";
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
export function tokenUnder(cookies: readonly Cookie[], name: string): string | null {
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

export async function sessionUserFromCookies(db: DbOrTx, cookies: readonly Cookie[], secret: string | undefined): Promise<SessionUser | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    const token = tokenUnder(cookies, name);
    if (!token) continue;
    let claims;
    try {
      claims = await sessionJwtCodec.decode({ token, secret, salt: name });
    } catch {
      return null; // forged, tampered, expired or made with another secret: Auth.js answers "no session"
    }
    if (!claims) return null;
    const { userId, sessionVersion, sessionId } = claims;
    if (typeof userId !== "number" || typeof sessionVersion !== "number" || typeof sessionId !== "string") return null;
    if (!Number.isSafeInteger(userId) || userId <= 0 || userId >= 2 ** 31) return null;
    return currentSessionUser(db, userId, sessionVersion, sessionId);
  }
  return null;
}

/**
 * The user id the session cookie names, from its decryption alone (no database check): only a
 * hint, for starting a read that is used once the full check (sessionUserFromCookies) has named
 * the same user.
 */
export async function sessionUserIdHint(cookies: readonly Cookie[], secret: string | undefined): Promise<number | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    const token = tokenUnder(cookies, name);
    if (!token) continue;
    const claims = await sessionJwtCodec.decode({ token, secret, salt: name }).catch(() => null);
    const userId = claims?.userId;
    return typeof userId === "number" && Number.isSafeInteger(userId) && userId > 0 && userId < 2 ** 31 ? userId : null;
  }
  return null;
}
