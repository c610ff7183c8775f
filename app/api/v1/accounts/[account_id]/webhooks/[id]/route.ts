import { deleteWebhookEndpoint, putWebhookEndpoint, updateWebhookEndpoint } from "@/lib/api/endpoints/webhooks";
import { apiRoute } from "@/lib/api/handler";
import { serializeWebhook } from "@/lib/api/serializers/webhook";
import { deleteWebhook, updateWebhook } from "@/lib/integrations/webhooks/manage";

export const PATCH = apiRoute(updateWebhookEndpoint, async ({ db, actor, params, body }) => {
  const webhook = await updateWebhook(db, actor, params.account_id, params.id, { url: body.url, name: body.name, subscriptions: body.subscriptions, inboxId: body.inbox_id }, "api");
  return { payload: { webhook: serializeWebhook(webhook) } };
});

export const PUT = apiRoute(putWebhookEndpoint, async ({ db, actor, params, body }) => {
  const webhook = await updateWebhook(db, actor, params.account_id, params.id, { url: body.url, name: body.name, subscriptions: body.subscriptions, inboxId: body.inbox_id }, "api");
  return { payload: { webhook: serializeWebhook(webhook) } };
});

export const DELETE = apiRoute(deleteWebhookEndpoint, async ({ db, actor, params }) => {
  await deleteWebhook(db, actor, params.account_id, params.id);
});
