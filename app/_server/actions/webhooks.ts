"use server";

import { z } from "zod";
import { redeliverFailedWebhookDeliveries, redeliverWebhookDelivery, sendWebhookTestEvent } from "@/lib/integrations/webhooks/deliveries";
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook } from "@/lib/integrations/webhooks/manage";
import { serverAction } from "../action";

const id = z.number().int().positive();
const fields = {
  url: z.string().max(2000),
  name: z.string().max(255),
  subscriptions: z.array(z.string().max(100)).max(50),
  inboxId: id.nullable(),
};

/** Settings → Integrations → Webhooks (administrators; the domain checks). */
export const createWebhookAction = serverAction(z.object({ accountId: id, ...fields }), async ({ db, actor }, { accountId, ...input }) => {
  const webhook = await createWebhook(db, actor, accountId, input);
  return { id: webhook.id };
});

export const updateWebhookAction = serverAction(
  z.object({ accountId: id, webhookId: id, ...fields, enabled: z.boolean().optional() }).partial({ url: true, name: true, subscriptions: true, inboxId: true }),
  async ({ db, actor }, { accountId, webhookId, ...input }) => {
    await updateWebhook(db, actor, accountId, webhookId, input);
    return null;
  },
);

export const deleteWebhookAction = serverAction(z.object({ accountId: id, webhookId: id }), async ({ db, actor }, { accountId, webhookId }) => {
  await deleteWebhook(db, actor, accountId, webhookId);
  return null;
});

export const rotateWebhookSecretAction = serverAction(z.object({ accountId: id, webhookId: id }), async ({ db, actor }, { accountId, webhookId }) => {
  const webhook = await rotateWebhookSecret(db, actor, accountId, webhookId);
  return { secret: webhook.secret };
});

export const sendWebhookTestAction = serverAction(z.object({ accountId: id, webhookId: id }), async ({ db, actor }, { accountId, webhookId }) => {
  await sendWebhookTestEvent(db, actor, accountId, webhookId);
  return null;
});

export const redeliverAction = serverAction(z.object({ accountId: id, webhookId: id, deliveryRowId: id }), async ({ db, actor }, { accountId, webhookId, deliveryRowId }) => {
  await redeliverWebhookDelivery(db, actor, accountId, webhookId, deliveryRowId);
  return null;
});

export const redeliverFailedSinceAction = serverAction(
  z.object({ accountId: id, webhookId: id, since: z.iso.datetime() }),
  async ({ db, actor }, { accountId, webhookId, since }) => ({ count: await redeliverFailedWebhookDeliveries(db, actor, accountId, webhookId, new Date(since)) }),
);
