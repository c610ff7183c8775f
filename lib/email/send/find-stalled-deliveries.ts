import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailDeliveries } from "@/db/schema";

/**
 * Deliveries nobody is working on: queued long ago (the `mail/send.requested` event was lost,
 * e.g. the process stopped right after the commit) or claimed by a run that died. The sweep asks
 * for their send again; sending stays exactly-once because the send claims the row first.
 * 15 minutes is past any run's lease (5 minutes) and most retry backoffs, so live work is rarely
 * touched, and a duplicate request is harmless anyway.
 */
export async function findStalledDeliveries(db: DbOrTx, options: { limit?: number } = {}): Promise<{ accountId: number; messageId: number }[]> {
  return db
    .select({ accountId: emailDeliveries.accountId, messageId: emailDeliveries.messageId })
    .from(emailDeliveries)
    .where(sql`${emailDeliveries.status} in ('queued', 'sending') and ${emailDeliveries.updatedAt} < now() - interval '15 minutes'`)
    .orderBy(emailDeliveries.updatedAt)
    .limit(options.limit ?? 100);
}
