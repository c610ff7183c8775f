"use server";

import { z } from "zod";
import { publicAction } from "@/app/_server/action";
import { signIn } from "@/auth";
import { AFTER_SIGN_IN_PATH } from "@/auth.config";
import { RESET_REQUESTED_MESSAGE, requestPasswordReset, resetPasswordWithToken } from "@/lib/auth/password-reset";

/** Always the same answer, whether or not the address has a user (no enumeration). */
export const requestPasswordResetAction = publicAction(
  z.object({ email: z.string().max(320) }),
  async ({ db }, input) => {
    await requestPasswordReset(db, { email: input.email });
    return { message: RESET_REQUESTED_MESSAGE };
  },
  { refresh: false },
);

/** Sets the new password (every other session ends) and signs this browser in with it. */
export const resetPasswordAction = publicAction(
  z.object({ token: z.string().min(1).max(200), password: z.string() }),
  async ({ db }, input) => {
    const { email } = await resetPasswordWithToken(db, input.token, { password: input.password });
    await signIn("credentials", { email, password: input.password, redirectTo: AFTER_SIGN_IN_PATH });
  },
  { refresh: false },
);
