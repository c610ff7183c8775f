import { and, arrayContains, eq, isNull, or, sql } from "drizzle-orm";
import { webhooks, type Webhook } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { CONTACT_EVENTS } from "../events";
import { disableFailingWebhook, markWebhookFailing } from "../webhooks/disable";
import type { TargetKind } from "./registry";

/**
 * Account webhooks as a target kind: subscribed to the event, enabled, and either for every inbox
 * or for the event's inbox (an inbox-filtered webhook gets no contact events, which have none).
 */
export const webhookTargetKind: TargetKind = {
  type: "webhook",
  anyTarget: (db, accountId) => db.select({ id: webhooks.id }).from(webhooks).where(and(eq(webhooks.accountId, accountId), isNull(webhooks.disabledAt))),
  targetsFor: async (db, context) => {
    const inboxFilter =
      context.inboxId === null || CONTACT_EVENTS.includes(context.event)
        ? isNull(webhooks.inboxId)
        : or(isNull(webhooks.inboxId), eq(webhooks.inboxId, context.inboxId));
    const rows = await db
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.accountId, context.accountId), isNull(webhooks.disabledAt), arrayContains(webhooks.subscriptions, [context.event]), inboxFilter))
      .orderBy(webhooks.id);
    return rows.map((row) => ({ id: row.id, target: resolved(row) }));
  },
  resolve: async (db, accountId, targetId) => {
    const [row] = await db.select().from(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, targetId)));
    return row ? resolved(row) : null;
  },
  onSuccess: async (db, delivery, target) => {
    if (!target.isFailing) return; // nothing to clear: one statement less per delivery
    await db
      .update(webhooks)
      .set({ failingSince: null })
      .where(and(eq(webhooks.accountId, delivery.accountId), eq(webhooks.id, delivery.targetId), sql`${webhooks.failingSince} is not null`));
  },
  onAttemptFailed: async (db, delivery) => {
    if (!delivery.isTest) await markWebhookFailing(db, { accountId: delivery.accountId, webhookId: delivery.targetId });
  },
  onFinalFailure: async (db, delivery, reason) => {
    if (delivery.isTest) return;
    await disableFailingWebhook(db, { accountId: delivery.accountId, webhookId: delivery.targetId }, reason);
  },
};

function resolved(row: Webhook) {
  const secrets = [decryptSecret(row.secret)];
  if (row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now()) secrets.push(decryptSecret(row.previousSecret));
  return { url: row.url, secrets, disabledReason: row.disabledAt ? (row.disabledReason ?? "The webhook is disabled") : null, isFailing: row.failingSince !== null };
}
