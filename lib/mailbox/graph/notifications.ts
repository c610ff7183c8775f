import { timingSafeEqual } from "node:crypto";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { graphSubscriptions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { createLogger } from "@/lib/logger";
import { graphLifecycleNotified, graphMessageNotified, type PostdeskEvent } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";

const log = createLogger("graph-notifications");

const notificationSchema = z.object({
  subscriptionId: z.string().min(1),
  clientState: z.string().nullish(),
  changeType: z.string().optional(),
  lifecycleEvent: z.string().optional(),
  resourceData: z.object({ id: z.string().min(1) }).passthrough().optional(),
});
const bodySchema = z.object({ value: z.array(z.unknown()).max(1000) });

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Graph's POST to app/api/graph/notifications: change notifications and lifecycle notifications
 * for our subscriptions. Each one's clientState must match the secret stored with its subscription
 * (else it is ignored and logged: someone who guessed the URL cannot inject mail); the accepted
 * ones become one Inngest event each, so the route can answer 202 within Graph's 3 seconds and the
 * work (fetching the MIME, ingesting) happens in a function with retries.
 */
export async function receiveGraphNotifications(db: Db, body: unknown): Promise<{ accepted: number; ignored: number }> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    log.warn("graph notification body not understood: ignored");
    return { accepted: 0, ignored: 1 };
  }
  const items = parsed.data.value.map((v) => notificationSchema.safeParse(v));
  const ids = [...new Set(items.flatMap((i) => (i.success ? [i.data.subscriptionId] : [])))];
  const rows = ids.length ? await db.select().from(graphSubscriptions).where(inArray(graphSubscriptions.subscriptionId, ids)) : [];
  const bySubscription = new Map(rows.map((r) => [r.subscriptionId, r]));
  const events: PostdeskEvent[] = [];
  let ignored = 0;
  for (const item of items) {
    const n = item.success ? item.data : null;
    const row = n ? bySubscription.get(n.subscriptionId) : undefined;
    let secret: string | null = null;
    try {
      secret = row?.clientStateEnc ? decryptSecret(row.clientStateEnc) : null;
    } catch {
      secret = null; // unreadable after a key change: the renewal cron recreates the subscription
    }
    if (!n || !row || !secret || !n.clientState || !sameSecret(secret, n.clientState)) {
      ignored += 1;
      log.warn("graph notification ignored: unknown subscription or clientState mismatch", { subscriptionId: n?.subscriptionId ?? null });
      continue;
    }
    const scope = { accountId: row.accountId, inboxId: row.inboxId };
    if (n.lifecycleEvent) events.push(graphLifecycleNotified.create({ ...scope, lifecycleEvent: n.lifecycleEvent }));
    else if (n.resourceData?.id) events.push(graphMessageNotified.create({ ...scope, graphMessageId: n.resourceData.id }));
    else ignored += 1;
  }
  if (events.length) await sendEvent(events);
  return { accepted: events.length, ignored };
}
