import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { appliedSlas } from "@/db/schema";
import { evaluateLoaded, loadForUpdate } from "./evaluate";

/**
 * Brings the SLAs of these conversations up to date inside the transaction that just changed them
 * (a customer's message starting a next-response clock, a reopening, a resolve), so the live
 * event of that change already carries the new due times and status: the row counts down at
 * once instead of after the next sweep. Publishes nothing itself (the caller's event does). One
 * indexed read when none of them is under an SLA. The caller holds the conversations' row locks.
 * Returns how many breaches were new.
 */
export async function refreshConversationSlas(tx: Tx, afterCommit: AfterCommit, accountId: number, conversationIds: readonly number[], now: Date = new Date()): Promise<number> {
  if (conversationIds.length === 0) return 0;
  const applied = await tx
    .select({ id: appliedSlas.id })
    .from(appliedSlas)
    .where(and(eq(appliedSlas.accountId, accountId), inArray(appliedSlas.conversationId, [...conversationIds])))
    .orderBy(appliedSlas.id);
  let breaches = 0;
  for (const { id } of applied) {
    const row = await loadForUpdate(tx, accountId, id);
    if (row) breaches += (await evaluateLoaded(tx, afterCommit, row, now, { publish: false })).breaches;
  }
  return breaches;
}
