import { encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS } from "@/auth.config";
import type { DbOrTx } from "@/db/client";
import { findUserByEmail } from "@/lib/auth/find-user";
import { verifyPassword } from "@/lib/auth/password";
import { newSessionId } from "@/lib/auth/sessions";

/**
 * Signing in without the sign-in page: the session cookie Auth.js would set after a successful
 * credentials sign-in, encrypted with the app server's AUTH_SECRET. The server treats it like any
 * other session (auth.ts's `jwt` callback checks the user, session version and revocation on every
 * request), so only the form itself is skipped: tests/e2e/sign-in.test.ts keeps going through it.
 * Saves a page load, a form POST and its redirects per sign-in (about a second on a busy machine).
 */
export type SessionCookie = { name: string; value: string; url: string; httpOnly: true; sameSite: "Lax" };

/** Auth.js's cookie name on plain http (on https it is prefixed with "__Secure-"). */
const SESSION_COOKIE = "authjs.session-token";

export async function sessionCookieFor(db: DbOrTx, options: { url: string; secret: string; email: string; password: string }): Promise<SessionCookie> {
  if (new URL(options.url).protocol !== "http:") throw new Error("sessionCookieFor only knows the cookie name on http");
  const user = await findUserByEmail(db, options.email);
  // The same refusal the form gives: a test that signs in with a wrong password still fails.
  if (!user?.passwordHash || !(await verifyPassword(options.password, user.passwordHash))) {
    throw new Error(`Sign-in refused for ${options.email}: no such user or a wrong password`);
  }
  // What Auth.js puts in the token at sign-in (name, email, sub) plus auth.ts's `jwt` callback's claims.
  const token = {
    name: user.name,
    email: user.email,
    sub: String(user.id),
    userId: user.id,
    sessionVersion: user.sessionVersion,
    sessionId: newSessionId(),
  };
  const value = await encode({ token, secret: options.secret, salt: SESSION_COOKIE, maxAge: SESSION_MAX_AGE_SECONDS });
  return { name: SESSION_COOKIE, value, url: options.url, httpOnly: true, sameSite: "Lax" };
}
