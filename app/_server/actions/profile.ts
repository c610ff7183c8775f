"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { changePassword } from "@/lib/auth/change-password";
import { resetApiAccessToken } from "@/lib/auth/reset-api-access-token";
import { serverAction } from "../action";
import { updateOwnProfile, updateOwnSignature } from "@/lib/accounts/update-own-profile";
import { updateNotificationSettings } from "@/lib/notifications/settings";

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

/** Profile → Notifications: the kinds the user hears of in the app and by email, in this account. */
export const updateNotificationSettingsAction = serverAction(
  z.object({ accountId: z.number().int().positive(), emailFlags: z.array(z.string()).max(20), pushFlags: z.array(z.string()).max(20) }),
  async ({ db, actor }, { accountId, emailFlags, pushFlags }) => {
    const saved = await updateNotificationSettings(db, actor, accountId, { emailFlags, pushFlags });
    return { emailFlags: saved.emailFlags, pushFlags: saved.pushFlags };
  },
);

/** Profile → Settings: the agent's signature (editor HTML, sanitized by the domain) and whether replies carry it. */
export const updateSignatureAction = serverAction(
  z.object({ messageSignature: z.string().nullable(), signatureOnReplies: z.boolean() }),
  async ({ db, actor }, input) => {
    await updateOwnSignature(db, actor, input);
    return null;
  },
);
