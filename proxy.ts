import NextAuth from "next-auth";
import { authConfig } from "./auth.config";

/**
 * Guards the agent app (/app/**): a visitor without a session goes to /sign-in?callbackUrl=...
 * Only the JWT is checked here; pages call auth() from "@/auth", which also checks that the
 * session was not revoked.
 */
const { auth } = NextAuth(authConfig);

export default auth;

export const config = {
  matcher: ["/app", "/app/:path*"],
};
