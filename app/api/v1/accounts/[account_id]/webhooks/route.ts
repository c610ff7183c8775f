import { createWebhookEndpoint, listWebhooksEndpoint } from "@/lib/api/endpoints/webhooks";
import { apiRoute } from "@/lib/api/handler";
import { serializeWebhook } from "@/lib/api/serializers/webhook";
import { createWebhook, listWebhooks } from "@/lib/integrations/webhooks/manage";

export const GET = apiRoute(listWebhooksEndpoint, async ({ db, actor, params }) => ({
  payload: { webhooks: (await listWebhooks(db, actor, params.account_id)).map(serializeWebhook) },
}));

export const POST = apiRoute(createWebhookEndpoint, async ({ db, actor, params, body }) => {
  const webhook = await createWebhook(db, actor, params.account_id, { url: body.url, name: body.name, subscriptions: body.subscriptions ?? [], inboxId: body.inbox_id }, "api");
  return { payload: { webhook: serializeWebhook(webhook) } };
});
