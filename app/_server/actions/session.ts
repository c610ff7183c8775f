"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { serverAction } from "../action";

/** Ends the session and goes to the sign-in page (signOut redirects by throwing). */
export const signOutAction = serverAction(z.object({}), async () => {
  await signOut({ redirectTo: "/sign-in" });
});
