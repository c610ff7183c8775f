import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { requestCounters } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Fixed-window request limits for public endpoints, counted in PostgreSQL like the sign-in
 * throttle (lib/auth/sign-in-throttle.ts) and for the same reasons: every instance sees the same
 * counts, a restart does not reset them, and one upsert per request cannot lose a count.
 */
export type RateLimit = { key: string; limit: number; windowSeconds: number };

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Counts one request against each limit; throws `rate_limited` (429, with the seconds until the
 * window ends in `details.retryAfterSeconds`) when any is over. A refused request still counts,
 * so a client hammering past the limit does not get through at the window's edge any sooner.
 */
export async function enforceRateLimits(db: DbOrTx, limits: RateLimit[], now = new Date()): Promise<void> {
  let retryAfterSeconds = 0;
  for (const { key, limit, windowSeconds } of limits) {
    const windowStart = new Date(now.getTime() - windowSeconds * 1000);
    const [row] = await db
      .insert(requestCounters)
      .values({ key, count: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: requestCounters.key,
        set: {
          count: sql`case when ${requestCounters.windowStartedAt} <= ${at(windowStart)} then 1 else ${requestCounters.count} + 1 end`,
          windowStartedAt: sql`case when ${requestCounters.windowStartedAt} <= ${at(windowStart)} then ${at(now)} else ${requestCounters.windowStartedAt} end`,
        },
      })
      .returning({ count: requestCounters.count, windowStartedAt: requestCounters.windowStartedAt });
    if (row && row.count > limit) {
      const endsIn = Math.ceil((row.windowStartedAt.getTime() + windowSeconds * 1000 - now.getTime()) / 1000);
      retryAfterSeconds = Math.max(retryAfterSeconds, endsIn, 1);
    }
  }
  if (retryAfterSeconds > 0) {
    throw new AppError("rate_limited", "Too many requests. Try again later.", { retryAfterSeconds });
  }
}

/** Deletes counters whose window ended long ago (called now and then by the limited routes). */
export async function pruneRequestCounters(db: DbOrTx, olderThanSeconds = 3600, now = new Date()): Promise<void> {
  await db.delete(requestCounters).where(lt(requestCounters.windowStartedAt, new Date(now.getTime() - olderThanSeconds * 1000)));
}
