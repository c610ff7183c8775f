"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, serverAction } from "@/app/_server/action";
import { signIn } from "@/auth";
import { acceptInvitation, acceptInvitationAsNewUser } from "@/lib/accounts/invitations/accept-invitation";

const token = z.string().min(1).max(200);

/** A signed-in user accepts an invitation for their own address, then lands in the account. */
export const acceptInvitationAction = serverAction(
  z.object({ token }),
  async ({ db, actor }, input) => {
    const { accountId } = await acceptInvitation(db, actor, input.token);
    redirect(`/app/accounts/${accountId}`);
  },
  { refresh: false },
);

/** A new person accepts by choosing their name and password, and is signed in. */
export const acceptAsNewUserAction = publicAction(
  z.object({ token, name: z.string(), password: z.string() }),
  async ({ db }, input) => {
    const created = await acceptInvitationAsNewUser(db, input.token, { name: input.name, password: input.password });
    await signIn("credentials", { email: created.email, password: input.password, redirectTo: `/app/accounts/${created.accountId}` });
  },
  { refresh: false },
);
