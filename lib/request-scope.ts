import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one request has already looked up (the caller's access to an account, the inboxes they
 * see), so a page whose layout, loader and domain functions each start with the same access
 * check asks the database once. The scope is explicit and short-lived: the API wrapper and the
 * action wrapper open one per request (`runInRequestScope`), pages use the one the account context
 * carries (`loadAccountContext`, cached per request by React). Outside a scope — tests calling
 * domain functions, jobs, the CLI — nothing is remembered and every call asks again, so a change
 * of role is never hidden by a long-lived cache.
 */
export type RequestScope = Map<string, Promise<unknown>>;

const storage = new AsyncLocalStorage<RequestScope>();

export const newRequestScope = (): RequestScope => new Map();

/** Runs `work` (and everything it awaits) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

/**
 * The value under `key` in the current request scope, loaded once; concurrent callers share the
 * same promise. With no scope, simply `load()`.
 */
export function memoInRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return load();
  const known = scope.get(key) as Promise<T> | undefined;
  if (known) return known;
  const loading = load();
  scope.set(key, loading);
  // A failure is not remembered: the next caller asks again (and sees the error itself).
  loading.catch(() => scope.get(key) === loading && scope.delete(key));
  return loading;
}

/** Records what the request already knows (e.g. the membership read with the API token). */
export function rememberInRequest<T>(scope: RequestScope, key: string, value: T): void {
  scope.set(key, Promise.resolve(value));
}

/** The scope the caller runs in, if any (lib/request-batch.ts keeps its pending reads there). */
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
