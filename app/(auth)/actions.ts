"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { publicAction } from "@/app/_server/action";
import { signIn, signOut } from "@/auth";
import { AFTER_SIGN_IN_PATH, SIGN_IN_PATH } from "@/auth.config";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/authenticate";
import { LOCKED_MESSAGE } from "@/lib/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";

/**
 * Only same-site destinations: sign-in must not become an open redirect. The proxy passes an
 * absolute URL of this site; whatever the host, only its path, query and hash are kept.
 */
function safeCallbackUrl(value: string | undefined): string {
  if (!value) return AFTER_SIGN_IN_PATH;
  let url: URL;
  try {
    url = new URL(value, "http://postdesk.invalid");
  } catch {
    return AFTER_SIGN_IN_PATH;
  }
  const target = `${url.pathname}${url.search}${url.hash}`;
  return target.startsWith("/") && !target.startsWith("//") ? target : AFTER_SIGN_IN_PATH;
}

const signInSchema = z.object({
  email: z.string({ error: INVALID_CREDENTIALS_MESSAGE }).trim().min(1, INVALID_CREDENTIALS_MESSAGE),
  password: z.string({ error: INVALID_CREDENTIALS_MESSAGE }).min(1, INVALID_CREDENTIALS_MESSAGE),
  callbackUrl: z.string().optional(),
});

export const signInAction = publicAction(
  signInSchema,
  async (_ctx, input) => {
    try {
      // Redirects (by throwing Next's redirect, which the wrapper passes on) when accepted.
      await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeCallbackUrl(input.callbackUrl) });
    } catch (error) {
      if (error instanceof CredentialsSignin) {
        throw new AppError("unauthorized", error.code === "locked" ? LOCKED_MESSAGE : INVALID_CREDENTIALS_MESSAGE);
      }
      if (error instanceof AuthError) throw new AppError("unauthorized", "Sign-in failed, try again");
      throw error;
    }
  },
  { refresh: false },
);

/** Public on purpose: a visitor whose session was revoked can still clear their cookie. */
export const signOutPageAction = publicAction(
  z.object({}),
  async () => {
    await signOut({ redirectTo: SIGN_IN_PATH });
  },
  { refresh: false },
);

/** Spends a one-time sign-in link from the Platform API (the page's button posts it). */
export const signInWithLinkAction = publicAction(
  z.object({ email: z.string().trim().min(1), token: z.string().min(1) }),
  async (_ctx, input) => {
    try {
      await signIn("login-link", { email: input.email, token: input.token, redirectTo: AFTER_SIGN_IN_PATH });
    } catch (error) {
      if (error instanceof AuthError) throw new AppError("unauthorized", "This sign-in link was already used or has expired. Ask for a new one.");
      throw error;
    }
  },
  { refresh: false },
);
