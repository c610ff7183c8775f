import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { createLogger } from "@/lib/logger";

/**
 * The part of the Auth.js configuration that needs no database: used by proxy.ts to guard pages
 * and spread into auth.ts, which adds the credentials provider and the session-version check.
 */
declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; name: string; email: string };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: number;
    sessionVersion?: number;
  }
}

export const SIGN_IN_PATH = "/sign-in";
export const AFTER_SIGN_IN_PATH = "/app";

/** The agent app lives under /app; the API, /api/auth and the help center are never guarded here. */
export const isProtectedPath = (pathname: string) => pathname === "/app" || pathname.startsWith("/app/");

const log = createLogger("auth");

export const authConfig = {
  // A refused password is expected, not an error: Auth.js would print a stack trace for each.
  logger: {
    error(error: Error) {
      if (error.name === "CredentialsSignin") log.debug("sign-in refused");
      else log.error("auth error", { name: error.name, message: error.message });
    },
    warn(code: string) {
      log.warn("auth warning", { code });
    },
  },
  // Self-hosted: the Host header is the public address (or APP_URL behind a proxy).
  trustHost: true,
  secret: env().AUTH_SECRET,
  pages: { signIn: SIGN_IN_PATH },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (!isProtectedPath(request.nextUrl.pathname)) return true;
      // false makes Auth.js redirect to pages.signIn with ?callbackUrl=<the page asked for>.
      return Boolean(auth?.user);
    },
    session({ session, token }) {
      if (typeof token.userId === "number") {
        session.user = { ...session.user, id: String(token.userId), name: token.name ?? "", email: token.email ?? "" };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
