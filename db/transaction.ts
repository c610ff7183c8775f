import type { DbOrTx, Tx } from "./client";

/**
 * Transactions with after-commit effects (house rule 4: events, realtime and webhooks only after
 * the commit). Domain functions call each other with `db` being either the pool or an open
 * transaction; `inTransaction` nests as a savepoint inside a transaction it opened, and the
 * effects registered anywhere inside run once, after the OUTERMOST commit. Effects of a savepoint
 * that rolls back are dropped with it. An effect that fails is reported, never rethrown: the data
 * is already committed, and every effect has a sweep that catches what was lost.
 */
export type Effect = (commit: CommitScope) => Promise<unknown>;
export type AfterCommit = (effect: Effect) => void;

/**
 * What the effects of one outermost commit share. They all run after the same commit, so a read
 * that one effect made (a conversation's row for a live event) is as new as the next one needs:
 * `once(key, load)` reads it for the first effect that asks and hands the same answer to the rest.
 * A failed read is forgotten, so a later effect tries again.
 */
export type CommitScope = { once<T>(key: string, load: () => Promise<T>): Promise<T> };

function commitScope(): CommitScope {
  const reads = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      const known = reads.get(key) as Promise<T> | undefined;
      if (known) return known;
      const read = load();
      reads.set(key, read);
      read.catch(() => reads.delete(key));
      return read;
    },
  };
}

const queues = new WeakMap<object, Effect[]>();

export async function inTransaction<T>(
  db: DbOrTx,
  fn: (tx: Tx, afterCommit: AfterCommit) => Promise<T>,
  onEffectError: (error: unknown) => void = (error) => console.error("after-commit effect failed", error),
): Promise<T> {
  const parent = queues.get(db);
  if (parent) {
    const own: Effect[] = [];
    const result = await db.transaction(async (tx) => {
      queues.set(tx, own);
      return fn(tx, (effect) => own.push(effect));
    });
    parent.push(...own);
    return result;
  }
  // The outermost transaction (or one opened by code that does not use this helper, whose commit
  // we cannot see: its effects then run when this block finishes, as before).
  const own: Effect[] = [];
  const result = await db.transaction(async (tx) => {
    queues.set(tx, own);
    return fn(tx, (effect) => own.push(effect));
  });
  const commit = commitScope();
  for (const effect of own) {
    try {
      await effect(commit);
    } catch (error) {
      onEffectError(error);
    }
  }
  return result;
}
