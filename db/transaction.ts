import { sql, type SQLWrapper } from "drizzle-orm";
import { executeNamed, type DbOrTx, type Tx } from "./client";

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
/** Writes to send together just before the transaction (or savepoint) ends: see writeAtCommit. */
const deferred = new WeakMap<object, SQLWrapper[]>();
/** Transactions whose nested inTransaction calls join them instead of opening a savepoint. */
const joined = new WeakSet<object>();

export type TransactionOptions = {
  /**
   * Nested inTransaction calls run in this transaction itself, without a savepoint of their own:
   * one failure anywhere rolls back everything. For work that is all or nothing anyway (a rule's
   * single action and its run row), two statements fewer per nested call.
   */
  joinNested?: boolean;
};

export async function inTransaction<T>(
  db: DbOrTx,
  fn: (tx: Tx, afterCommit: AfterCommit) => Promise<T>,
  onEffectError: (error: unknown) => void = (error) => console.error("after-commit effect failed", error),
  options: TransactionOptions = {},
): Promise<T> {
  const parent = queues.get(db);
  if (parent && joined.has(db)) return fn(db as Tx, (effect) => parent.push(effect));
  const open = (own: Effect[]) =>
    db.transaction(async (tx) => {
      queues.set(tx, own);
      if (options.joinNested) joined.add(tx);
      const result = await fn(tx, (effect) => own.push(effect));
      await flushWrites(tx);
      return result;
    });
  if (parent) {
    const own: Effect[] = [];
    const result = await open(own);
    parent.push(...own);
    return result;
  }
  // The outermost transaction (or one opened by code that does not use this helper, whose commit
  // we cannot see: its effects then run when this block finishes, as before).
  const own: Effect[] = [];
  const result = await open(own);
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

/**
 * A write that nothing in the transaction reads back (an activity line, a run log row, an event
 * recorded for later): inside a transaction opened by inTransaction it is sent with the others
 * as ONE statement (`with w0 as (…), w1 as (…) select 1`) just before the commit, instead of one
 * statement each; elsewhere it is sent at once. The writes of one statement see the same snapshot
 * and must not change the same row twice (only one of those changes would take effect): defer
 * inserts of new rows, not updates of a row something else may update in the same transaction.
 * A write that fails fails the commit, as it would have failed the transaction.
 */
export async function writeAtCommit(db: DbOrTx, write: SQLWrapper): Promise<void> {
  if (!queues.has(db)) {
    await db.execute(write.getSQL());
    return;
  }
  const pending = deferred.get(db);
  if (pending) pending.push(write);
  else deferred.set(db, [write]);
}

/**
 * Sent as a named prepared statement: an unnamed one with parameters costs two round trips
 * (postgres.js asks for the parameters' types before binding) and is planned every time, a named
 * one is described and planned once per connection. The deferred writes come in a few shapes (a
 * label change's activity line, its event, a rule's run row), each prepared once per connection.
 */
async function flushWrites(tx: Tx): Promise<void> {
  const writes = deferred.get(tx);
  if (!writes || writes.length === 0) return;
  deferred.delete(tx);
  if (writes.length === 1) {
    await executeNamed(tx, writes[0].getSQL());
    return;
  }
  const ctes = sql.join(
    writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`),
    sql`, `,
  );
  await executeNamed(tx, sql`with ${ctes} select 1`);
}
