import type { NextAuthConfig } from "next-auth";
import { sessionJwtCodec } from "@/lib/auth/jwt-cache";
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
    /** This session's id, revoked on sign-out (lib/auth/sessions.ts). */
    sessionId?: string;
  }
}

export const SIGN_IN_PATH = "/sign-in";
export const AFTER_SIGN_IN_PATH = "/app";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The agent app lives under /app; the API, /api/auth and the help center are never guarded here. */
export const isProtectedPath = (pathname: string) => pathname === "/app" || pathname.startsWith("/app/");

const log = createLogger("auth");

/**
 * Where an Auth.js redirect goes: a path or a URL of this site, on APP_URL when it is set (else on
 * the request's own origin); anything else (another site) to the home page, never off-site.
 */
export function appRedirect(url: string, baseUrl: string, configuredAppUrl: string | undefined): string {
  const base = (configuredAppUrl ?? baseUrl).replace(/\/$/, "");
  let target: URL;
  try {
    target = new URL(url, baseUrl);
  } catch {
    return base;
  }
  const sameSite = target.origin === new URL(baseUrl).origin || target.origin === new URL(base).origin;
  return sameSite ? `${base}${target.pathname}${target.search}${target.hash}` : base;
}

export const authConfig = {
  // A refused password is expected, not an error: Auth.js would print a stack trace for each.
  // Matched by Auth.js's error type, not error.name: the production build minifies class names.
  logger: {
    error(error: Error) {
      const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
      if (type === "CredentialsSignin") log.info("sign-in refused");
      else log.error("auth error", { type, message: error.message });
    },
    warn(code: string) {
      log.warn("auth warning", { code });
    },
  },
  // Self-hosted: the Host header is the public address (or APP_URL behind a proxy).
  trustHost: true,
  secret: env().AUTH_SECRET,
  pages: { signIn: SIGN_IN_PATH },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // The session cookie's decryption and re-encryption, remembered per process (lib/auth/jwt-cache.ts).
  jwt: { encode: sessionJwtCodec.encode, decode: sessionJwtCodec.decode },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (!isProtectedPath(request.nextUrl.pathname)) return true;
      // false makes Auth.js redirect to pages.signIn with ?callbackUrl=<the page asked for>.
      return Boolean(auth?.user);
    },
    // Auth.js builds redirects from the request's host; behind a proxy or on another name that is
    // not the public address. With APP_URL set, every same-site redirect goes to APP_URL instead.
    redirect({ url, baseUrl }) {
      return appRedirect(url, baseUrl, env().APP_URL);
    },
    session({ session, token }) {
      if (typeof token.userId === "number") {
        session.user = { ...session.user, id: String(token.userId), name: token.name ?? "", email: token.email ?? "" };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
