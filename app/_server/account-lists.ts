import "server-only";
import type { ProfileAccount } from "@/lib/accounts/profile";
import { rememberMemberInboxIds } from "@/lib/accounts/access";
import { memoInRequest, type RequestScope } from "@/lib/request-scope";

/**
 * The account's rarely changing lists that every signed-in page shows beside its screen (labels,
 * teams with the member's membership, attribute definitions, saved views, the inboxes the member
 * sees and belongs to), kept in this process between requests, per member.
 *
 * A copy is used only while it carries the stamp the request's own first read returned: the
 * account's lists version (bumped by database triggers in the transaction of any change to those
 * tables, whichever process commits it: db/schema/account-lists.ts) and the member's role and
 * custom role permissions. The version is read before the lists, so a copy is never older than its
 * stamp says; a change committed meanwhile moves the version and the next request reads again.
 */
type Entry = { accountId: number; stamp: string; values: Map<string, Promise<unknown>> };

/** Members whose lists are kept (the least recently used are forgotten first). */
const MAX_ENTRIES = 1000;
const entries = new Map<string, Entry>();
const SCOPE_KEY = "account-lists";
const MEMBER_INBOXES = "member-inbox-ids";

/**
 * Binds the member's kept lists to the request (from accountContextFor, after the profile read):
 * the lists are read through memoAcrossRequests, and the access check's inbox membership is taken
 * from the copy when there is one.
 */
export function bindAccountLists(scope: RequestScope, userId: number, account: ProfileAccount): void {
  const key = `${account.id}:${userId}`;
  const stamp = JSON.stringify([account.listsVersion, account.role, account.customRoleId, account.permissions]);
  let entry = entries.get(key);
  if (!entry || entry.stamp !== stamp) entry = { accountId: account.id, stamp, values: new Map() };
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  scope.set(SCOPE_KEY, Promise.resolve(entry));
  const memberInboxes = entry.values.get(MEMBER_INBOXES) as Promise<readonly number[]> | undefined;
  if (memberInboxes) rememberMemberInboxIds(scope, userId, account.id, memberInboxes);
}

/**
 * `load()` of the account's list `name` once per request, and across the member's requests while the account's lists version
 * stays (see above). Outside a bound request (the API, jobs, tests calling domain functions)
 * simply once per request scope, or every time without one.
 */
export function memoAcrossRequests<T>(accountId: number, name: string, load: () => Promise<T>): Promise<T> {
  return memoInRequest(`${name}:${accountId}`, async () => {
    const entry = await memoInRequest<Entry | null>(SCOPE_KEY, async () => null);
    // Only the bound account's lists: its version says nothing about another account's.
    if (!entry || entry.accountId !== accountId) return load();
    const known = entry.values.get(name) as Promise<T> | undefined;
    if (known) return known;
    const loading = load();
    entry.values.set(name, loading);
    loading.catch(() => entry.values.get(name) === loading && entry.values.delete(name));
    return loading;
  });
}

/** Keeps the member's own inbox ids (what accessibleInboxIds read for this request) with the lists. */
export async function keepMemberInboxIds(ids: readonly number[] | "all"): Promise<void> {
  const entry = await memoInRequest<Entry | null>(SCOPE_KEY, async () => null);
  if (entry && ids !== "all" && !entry.values.has(MEMBER_INBOXES)) entry.values.set(MEMBER_INBOXES, Promise.resolve(ids));
}
