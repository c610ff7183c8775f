import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { getProfile, type Profile, type ProfileAccount } from "@/lib/accounts/profile";
import { requireSession, type SignedIn } from "./current-actor";
import { parseId } from "./page-data";

export type AccountContext = SignedIn & { accountId: number; account: ProfileAccount; profile: Profile; isAdmin: boolean };

/**
 * Who is looking at which account, shared by the account layout and its pages (cached per
 * request). A user who is not a member of the account gets the 404 page.
 */
export const loadAccountContext = cache(async (rawAccountId: string): Promise<AccountContext> => {
  const signedIn = await requireSession();
  const accountId = parseId(rawAccountId);
  // A session can outlive its user (deleted by an operator): send them to sign in again.
  const profile = await getProfile(getDb(), signedIn.userId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") redirect("/sign-in");
    throw error;
  });
  const account = profile.accounts.find((a) => a.id === accountId);
  if (!account) notFound();
  return { ...signedIn, accountId, account, profile, isAdmin: account.role === "administrator" };
});
