"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { changePassword } from "@/lib/auth/change-password";
import { resetApiAccessToken } from "@/lib/auth/reset-api-access-token";
import { serverAction } from "../action";
import { updateOwnProfile } from "@/lib/accounts/update-own-profile";

/** Changing the password ends every session, this one too: the user signs in again. */
export const changePasswordAction = serverAction(
  z.object({ currentPassword: z.string().min(1, "Enter your current password"), newPassword: z.string() }),
  async ({ db, actor }, input) => {
    await changePassword(db, actor, input);
    await signOut({ redirectTo: "/sign-in" });
    return null;
  },
);

export const resetApiTokenAction = serverAction(z.object({}), async ({ db, actor }) => {
  const { apiAccessToken } = await resetApiAccessToken(db, actor);
  return { apiAccessToken };
});

export const updateProfileAction = serverAction(
  z.object({ name: z.string(), displayName: z.string() }),
  async ({ db, actor }, input) => updateOwnProfile(db, actor, input),
);
