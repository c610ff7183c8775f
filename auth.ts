import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { currentSessionUser } from "@/lib/auth/session-version";
import { SIGN_IN_PATH, authConfig } from "./auth.config";

/**
 * Auth.js for the agent app: email + password, JWT sessions that carry users.session_version and
 * are rejected once it moves (password change, operator reset). Node runtime only (database).
 */
class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class LockedOut extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

/**
 * Where the attempt comes from, for throttling: the last X-Forwarded-For entry, which is the one
 * the nearest proxy (or Next itself) added; earlier entries are whatever the client claimed.
 */
function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

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
        const result = await authenticateWithPassword(getDb(), { ...parsed.data, client: clientAddress(request) });
        if (!result.ok) throw result.reason === "locked" ? new LockedOut() : new InvalidCredentials();
        const { user } = result;
        return { id: String(user.id), name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.sessionVersion = user.sessionVersion;
        return token;
      }
      if (typeof token.userId !== "number" || typeof token.sessionVersion !== "number") return null;
      // Checked on every use, so a revoked session dies at its next request, not at expiry.
      const current = await currentSessionUser(getDb(), token.userId, token.sessionVersion);
      if (!current) return null;
      token.name = current.name;
      token.email = current.email;
      return token;
    },
  },
});

export type SignedInUser = { id: number; name: string; email: string };

/** The signed-in user for pages and server actions, or null when signed out or revoked. */
export async function currentUser(): Promise<SignedInUser | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session?.user || !Number.isInteger(id) || id <= 0) return null;
  return { id, name: session.user.name, email: session.user.email };
}

/** Like currentUser(), but sends a signed-out visitor to the sign-in page. */
export async function requireUser(callbackUrl?: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(callbackUrl ? `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(callbackUrl)}` : SIGN_IN_PATH);
  return user;
}
