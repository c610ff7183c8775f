import type { DbOrTx } from "@/db/client";
import { accounts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { listDeliveries, redeliver, redeliverFailedSince, sendTestDelivery, type DeliveryLogEntry } from "../delivery/log";
import { findWebhookRow } from "./manage";

/** A webhook's delivery log and its actions, for the account's administrators. */
async function webhookTarget(db: DbOrTx, actor: Actor, accountId: number, webhookId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "integration_manage");
  const webhook = await findWebhookRow(db, accountId, webhookId);
  return { webhook, target: { accountId, targetType: "webhook" as const, targetId: webhook.id } };
}

export async function listWebhookDeliveries(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  webhookId: number,
  options: { failedOnly?: boolean; beforeId?: number } = {},
): Promise<DeliveryLogEntry[]> {
  const { target } = await webhookTarget(db, actor, accountId, webhookId);
  return listDeliveries(db, target, options);
}

export async function redeliverWebhookDelivery(db: DbOrTx, actor: Actor, accountId: number, webhookId: number, deliveryRowId: number): Promise<void> {
  const { target } = await webhookTarget(db, actor, accountId, webhookId);
  await redeliver(db, target, deliveryRowId);
}

export async function redeliverFailedWebhookDeliveries(db: DbOrTx, actor: Actor, accountId: number, webhookId: number, since: Date): Promise<number> {
  const { target } = await webhookTarget(db, actor, accountId, webhookId);
  return redeliverFailedSince(db, target, since);
}

export async function sendWebhookTestEvent(db: DbOrTx, actor: Actor, accountId: number, webhookId: number): Promise<void> {
  const { webhook, target } = await webhookTarget(db, actor, accountId, webhookId);
  const [account] = await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  await sendTestDelivery(db, target, {
    account: { id: account.id, name: account.name },
    webhook: { id: webhook.id, name: webhook.name, url: webhook.url, subscriptions: webhook.subscriptions },
    message: "This is a test event from Postdesk. If your receiver verified its signatures, it is ready.",
    created_at: Math.floor(Date.now() / 1000),
  });
}
