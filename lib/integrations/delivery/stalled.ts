import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { integrationDeliveries } from "@/db/schema";
import { deliveryOrderKey, type RequestedDelivery } from "./fan-out";
import { deliveryTiming } from "./timing";

/**
 * Deliveries no run is looking after: pending for over a minute past their time (the run that
 * slept for it is gone) or claimed longer ago than the lease (its process died mid-attempt).
 */
export async function findStalledIntegrationDeliveries(db: DbOrTx, limit = 500): Promise<{ request: RequestedDelivery; attempts: number }[]> {
  const leaseSeconds = deliveryTiming().leaseMs / 1000;
  const rows = await db
    .select()
    .from(integrationDeliveries)
    .where(
      sql`(${integrationDeliveries.status} = 'pending' and coalesce(${integrationDeliveries.nextAttemptAt}, ${integrationDeliveries.updatedAt}) < now() - interval '1 minute')
        or (${integrationDeliveries.status} = 'delivering' and ${integrationDeliveries.updatedAt} < now() - make_interval(secs => ${leaseSeconds}))`,
    )
    .orderBy(integrationDeliveries.id)
    .limit(limit);
  return rows.map((r) => ({ request: { accountId: r.accountId, deliveryRowId: r.id, orderKey: deliveryOrderKey(r) }, attempts: r.attempts }));
}

/** Finished deliveries are kept this long in the log (their attempts go with them). */
export const KEEP_DELIVERIES_DAYS = 30;

/** Deletes finished deliveries older than the retention, at most `limit` per call (the sweep runs every minute). */
export async function pruneOldIntegrationDeliveries(db: DbOrTx, limit = 5000): Promise<number> {
  const deleted = await db.execute(sql`
    delete from integration_deliveries where id in (
      select id from integration_deliveries
      where status in ('succeeded', 'failed') and updated_at < now() - make_interval(days => ${KEEP_DELIVERIES_DAYS})
      limit ${limit}
    )`);
  return deleted.count ?? 0;
}
