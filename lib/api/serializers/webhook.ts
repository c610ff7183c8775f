import type { z } from "zod";
import type { webhookResponse } from "../endpoints/webhooks";
import type { WebhookView } from "@/lib/integrations/webhooks/manage";
import { channelTypeName } from "./channel";

/** Chatwoot's webhook JSON (with the signing secret, as Chatwoot shows it to administrators). */
export function serializeWebhook(w: WebhookView): z.infer<typeof webhookResponse> {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    account_id: w.accountId,
    subscriptions: w.subscriptions,
    ...(w.inbox ? { inbox: { id: w.inbox.id, name: w.inbox.name, channel_type: channelTypeName(w.inbox.channelType) } } : {}),
    secret: w.secret,
  };
}
