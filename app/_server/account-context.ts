import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { sessionUserIdHint } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { accessibleInboxIds, membershipAccess, rememberAccountAccess, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { can, type Permission } from "@/lib/accounts/permissions";
import { getProfile, type Profile, type ProfileAccount } from "@/lib/accounts/profile";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { readPageRowsApart } from "@/lib/request-batch";
import { newRequestScope, runInRequestScope, type RequestScope } from "@/lib/request-scope";
import { bindAccountLists, keepMemberInboxIds, memoAcrossRequests } from "./account-lists";
import { requireSession, type SignedIn } from "./current-actor";
import { parseId } from "./page-data";

export type AccountContext = SignedIn & {
  accountId: number;
  account: ProfileAccount;
  profile: Profile;
  isAdmin: boolean;
  /** The member's access (role, custom role's permissions): pages ask `can(permission)` what to offer. */
  access: AccountAccess;
  can: (permission: Permission) => boolean;
  /** What this request already looked up (the access check): screen loaders run in it. */
  scope: RequestScope;
};

/**
 * Who is looking at which account, shared by the account layout and its pages (cached per
 * request). A user who is not a member of the account gets the 404 page.
 */
export const loadAccountContext = cache(async (rawAccountId: string): Promise<AccountContext> => {
  // The profile is read beside the session check, for the user the cookie names; it is used only
  // when the check (version, sign-out) confirms that user. Two round trips in a row become one.
  const hinted = sessionUserIdHint((await cookies()).getAll(), env().AUTH_SECRET);
  const early = hinted.then((userId) => (userId === null ? null : { userId, profile: getProfile(getDb(), userId) }));
  // Never an unhandled rejection when the check redirects first; awaited below, it still throws.
  void early.then((e) => e?.profile.catch(() => undefined));
  const signedIn = await requireSession();
  const read = await early;
  return accountContextFor(signedIn, rawAccountId, read?.userId === signedIn.userId ? read.profile : undefined);
});

/**
 * loadAccountContext for a known session (tests call it directly). The membership the profile
 * just read is the request's access check: it is remembered in the request scope, so the layout's
 * and the screen's domain functions do not ask again.
 */
export async function accountContextFor(signedIn: SignedIn, rawAccountId: string, profileRead?: Promise<Profile>): Promise<AccountContext> {
  const accountId = parseId(rawAccountId);
  // A session can outlive its user (deleted by an operator): send them to sign in again.
  const profile = await (profileRead ?? getProfile(getDb(), signedIn.userId)).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") redirect("/sign-in");
    throw error;
  });
  const account = profile.accounts.find((a) => a.id === accountId);
  if (!account) notFound();
  const scope = newRequestScope();
  readPageRowsApart(scope);
  rememberAccountAccess(scope, signedIn.userId, accountId, account);
  bindAccountLists(scope, signedIn.userId, account);
  const access = membershipAccess(accountId, signedIn.userId, account);
  return { ...signedIn, accountId, account, profile, isAdmin: account.role === "administrator", access, can: (p) => can(access, p), scope };
}

/** Runs a screen's loader in the request's scope, so its domain calls share one access check. */
export function inAccountScope<T>(ctx: AccountContext, load: () => Promise<T>): Promise<T> {
  return runInRequestScope(ctx.scope, load);
}

/**
 * The inboxes the user sees (id and name), read once per request and kept between the member's
 * requests until the account's lists version moves (account-lists.ts): the layout (sidebar) and
 * the conversations screen (inbox filter) both show them. The member's inbox ids the access check
 * read with them are kept too. Only for loaders, which read: run it inside inAccountScope.
 */
export function scopedInboxes(ctx: AccountContext): Promise<{ id: number; name: string }[]> {
  return memoAcrossRequests(ctx.accountId, "inboxes", async () => {
    const db = getDb();
    const inboxes = await listInboxes(db, ctx.actor, ctx.accountId);
    await keepMemberInboxIds(await accessibleInboxIds(db, await requireAccountAccess(db, ctx.actor, ctx.accountId)));
    return inboxes.map((i) => ({ id: i.id, name: i.name }));
  });
}
