import { and, asc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { recordConversationReportingEvents } from "./record";

export type BackfillResult = { conversations: number; inserted: number };

/**
 * Derives the reporting events of every conversation (of one account, or all) from its history,
 * in bounded batches by id; what is already stored is kept (the same keys as the live hook), so it
 * is safe to re-run and to run beside live traffic. For operators (the CLI): no actor.
 */
export async function backfillReportingEvents(
  db: DbOrTx,
  options: { accountId?: number; batchSize?: number; onProgress?: (done: BackfillResult) => void } = {},
): Promise<BackfillResult> {
  const batchSize = options.batchSize ?? 500;
  const total: BackfillResult = { conversations: 0, inserted: 0 };
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ id: conversations.id, accountId: conversations.accountId })
      .from(conversations)
      .where(and(gt(conversations.id, after), options.accountId === undefined ? undefined : eq(conversations.accountId, options.accountId)))
      .orderBy(asc(conversations.id))
      .limit(batchSize);
    if (batch.length === 0) return total;
    const byAccount = new Map<number, number[]>();
    for (const c of batch) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c.id]);
    for (const [accountId, ids] of byAccount) total.inserted += await recordConversationReportingEvents(db, accountId, ids);
    total.conversations += batch.length;
    after = batch[batch.length - 1].id;
    options.onProgress?.({ ...total });
  }
}
