"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { AFTER_SIGN_IN_PATH, SIGN_IN_PATH } from "@/auth.config";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/authenticate";
import { LOCKED_MESSAGE } from "@/lib/auth/sign-in-throttle";

export type SignInState = { error?: string; email?: string };

const formSchema = z.object({
  email: z.string().trim().default(""),
  password: z.string().default(""),
  callbackUrl: z.string().optional(),
});

/** Only same-site paths: an attacker must not turn sign-in into an open redirect. */
function safeCallbackUrl(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return AFTER_SIGN_IN_PATH;
  return value;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const input = formSchema.parse({
    email: formData.get("email") ?? undefined,
    password: formData.get("password") ?? undefined,
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  if (!input.email || !input.password) return { error: INVALID_CREDENTIALS_MESSAGE, email: input.email };
  try {
    // Redirects (by throwing Next's redirect) when the credentials are accepted.
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeCallbackUrl(input.callbackUrl) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { error: error.code === "locked" ? LOCKED_MESSAGE : INVALID_CREDENTIALS_MESSAGE, email: input.email };
    }
    if (error instanceof AuthError) return { error: "Sign-in failed, try again", email: input.email };
    throw error;
  }
}

/** Use as a form action: <form action={signOutAction}><button>Sign out</button></form>. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: SIGN_IN_PATH });
}
