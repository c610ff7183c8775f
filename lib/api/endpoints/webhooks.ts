import { z } from "zod";
import { accountParams, defineEndpoint, idParam } from "../endpoint";
import { payloadOf } from "../responses";

/**
 * Chatwoot's account webhooks API. Bodies come as Chatwoot's clients send them: wrapped in
 * `{webhook: {...}}` or not, JSON or a form (`subscriptions[]=a&subscriptions[]=b`, or one
 * `subscriptions=a`), numbers as strings from forms.
 */
const webhookParams = accountParams.extend({ id: idParam });

const unwrap = (value: unknown) =>
  value && typeof value === "object" && "webhook" in value && typeof (value as { webhook: unknown }).webhook === "object"
    ? { ...(value as Record<string, unknown>), ...((value as { webhook: Record<string, unknown> }).webhook) }
    : value;
const list = z.preprocess((v) => (typeof v === "string" ? (v === "" ? [] : [v]) : v), z.array(z.string()));
const optionalId = z.preprocess((v) => (v === "" || v === "null" ? null : v), z.coerce.number().int().positive().nullable().optional());

const createBody = z.preprocess(
  unwrap,
  z.object({ url: z.string(), name: z.string().nullable().optional(), subscriptions: list.optional(), inbox_id: optionalId }),
);
const updateBody = z.preprocess(
  unwrap,
  z.object({ url: z.string().optional(), name: z.string().nullable().optional(), subscriptions: list.optional(), inbox_id: optionalId }),
);

export const webhookResponse = z.object({
  id: z.number(),
  name: z.string().nullable(),
  url: z.string(),
  account_id: z.number(),
  subscriptions: z.array(z.string()),
  inbox: z.object({ id: z.number(), name: z.string(), channel_type: z.string() }).optional(),
  secret: z.string().nullable(),
});

export const listWebhooksEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/webhooks",
  summary: "List the account's webhooks (administrators)",
  tag: "Webhooks",
  params: accountParams,
  responds: "{ payload: { webhooks: webhook[] } }",
  response: payloadOf(z.object({ webhooks: z.array(webhookResponse) })),
});

export const createWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/webhooks",
  summary: "Add a webhook: url, subscriptions, optional name and inbox_id (administrators); the answer holds its signing secret",
  tag: "Webhooks",
  params: accountParams,
  body: createBody,
  responds: "{ payload: { webhook } }",
  response: payloadOf(z.object({ webhook: webhookResponse })),
});

export const updateWebhookEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/webhooks/{id}",
  summary: "Update a webhook (administrators)",
  tag: "Webhooks",
  params: webhookParams,
  body: updateBody,
  responds: "{ payload: { webhook } }",
  response: payloadOf(z.object({ webhook: webhookResponse })),
});

export const putWebhookEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/v1/accounts/{account_id}/webhooks/{id}",
  summary: "Update a webhook (same as PATCH)",
  tag: "Webhooks",
  params: webhookParams,
  body: updateBody,
  responds: "{ payload: { webhook } }",
  response: payloadOf(z.object({ webhook: webhookResponse })),
});

export const deleteWebhookEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/webhooks/{id}",
  summary: "Delete a webhook (administrators)",
  tag: "Webhooks",
  params: webhookParams,
  responds: "empty",
});
