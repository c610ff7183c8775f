import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { sessionUserFromCookies } from "@/lib/auth/session-cookie";
import { currentSessionUser } from "@/lib/auth/session-version";
import { env } from "@/lib/env";
import { newSessionId, revokeSession } from "@/lib/auth/sessions";
import { createLogger } from "@/lib/logger";
import { consumeLoginToken } from "@/lib/platform/login-links";
import { endRealtimeAccess } from "@/lib/realtime/revoke";
import { SESSION_MAX_AGE_SECONDS, SIGN_IN_PATH, authConfig } from "./auth.config";

/**
 * Auth.js for the agent app: email + password, JWT sessions that carry users.session_version and
 * are rejected once it moves (password change, operator reset), and a session id that signing out
 * revokes (lib/auth/sessions.ts). Node runtime only (database).
 */
class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class LockedOut extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

const log = createLogger("auth");

export const {
  handlers: { GET, POST },
  auth,
  signIn,
  signOut,
} = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new InvalidCredentials();
        const result = await authenticateWithPassword(getDb(), { ...parsed.data, client: clientAddress(request.headers) });
        if (!result.ok) throw result.reason === "locked" ? new LockedOut() : new InvalidCredentials();
        const { user } = result;
        return { id: String(user.id), name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
    // One-time sign-in links from the Platform API (lib/platform/login-links.ts): spent here.
    Credentials({
      id: "login-link",
      credentials: { email: { type: "email" }, token: { type: "text" } },
      async authorize(credentials) {
        const parsed = z.object({ email: z.string().trim().min(1).max(320), token: z.string().min(1).max(200) }).safeParse(credentials);
        if (!parsed.success) throw new InvalidCredentials();
        const user = await consumeLoginToken(getDb(), parsed.data);
        if (!user) throw new InvalidCredentials();
        return { id: String(user.id), name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  events: {
    // Both the sign-out page's action and POST /api/auth/signout end here (JWT sessions: `token`).
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token || typeof token.sessionId !== "string" || typeof token.userId !== "number") return;
      const expiresAt = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
      await revokeSession(getDb(), { sessionId: token.sessionId, userId: token.userId, expiresAt });
      // Live refresh: this browser's sockets go too; other sessions' reconnect and re-authorize.
      await endRealtimeAccess([token.userId]);
      log.info("signed out", { userId: token.userId });
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.sessionVersion = user.sessionVersion;
        token.sessionId = newSessionId();
        return token;
      }
      // A token without a session id predates sign-out revocation: it must sign in again.
      if (typeof token.userId !== "number" || typeof token.sessionVersion !== "number" || typeof token.sessionId !== "string") return null;
      // Checked on every use, so a revoked session dies at its next request, not at expiry.
      const current = await currentSessionUser(getDb(), token.userId, token.sessionVersion, token.sessionId);
      if (!current) return null;
      token.name = current.name;
      token.email = current.email;
      return token;
    },
  },
});

export type SignedInUser = { id: number; name: string; email: string };

/**
 * The signed-in user for pages and server actions, or null when signed out or revoked. Read from
 * the session cookie with the checks auth()'s `jwt` callback makes (lib/auth/session-cookie.ts),
 * without a second pass through Auth.js (the proxy made the first), and once per request.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  return sessionUserFromCookies(getDb(), (await cookies()).getAll(), env().AUTH_SECRET);
});

/** Like currentUser(), but sends a signed-out visitor to the sign-in page. */
export async function requireUser(callbackUrl?: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(callbackUrl ? `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(callbackUrl)}` : SIGN_IN_PATH);
  return user;
}
