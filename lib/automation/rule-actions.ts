import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { assignViaRoundRobin } from "@/lib/assignment/auto-assign";
import { AppError, notFound } from "@/lib/errors";
import { checkTargetUrl } from "@/lib/integrations/target-url";
import { buildIntegrationPayload } from "@/lib/integrations/payloads/build";
import { outboundFetch } from "@/lib/net/outbound-fetch";

/**
 * Actions only rules have (they act as the system, not as an agent): assign via round-robin (the
 * auto-assignment's choice: online members of the inbox under their capacity) and send the
 * conversation to a webhook URL (Chatwoot's `send_webhook_event`: its conversation JSON with
 * `event: "automation_event.<event>"`), through the outbound address policy.
 */
async function conversationId(db: DbOrTx, accountId: number, displayId: number): Promise<number> {
  const [row] = await db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.accountId, accountId), eq(conversations.displayId, displayId)));
  if (!row) throw notFound("Conversation");
  return row.id;
}

export async function assignRoundRobin(db: DbOrTx, accountId: number, displayId: number): Promise<string | undefined> {
  const made = await assignViaRoundRobin(db, accountId, await conversationId(db, accountId, displayId));
  return made ? undefined : "nobody online with room, or the conversation is not open and unassigned";
}

const WEBHOOK_TIMEOUT_MS = 15_000;

export async function sendWebhookEvent(db: DbOrTx, accountId: number, displayId: number, url: string, eventName: string): Promise<undefined> {
  const target = checkTargetUrl(url, "Webhook URL");
  const built = await buildIntegrationPayload(db, { accountId, event: "conversation_updated", conversationId: await conversationId(db, accountId, displayId), occurredAt: Date.now() });
  if (!built) throw notFound("Conversation");
  const body = JSON.stringify({ ...(built.payload as Record<string, unknown>), event: `automation_event.${eventName}` });
  const response = await outboundFetch(target, { method: "POST", headers: { "content-type": "application/json" }, body, redirect: "manual", signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
  await response.body?.cancel().catch(() => undefined);
  // 4xx: the receiver refuses this payload, a retry will not change it; 5xx is thrown to be retried.
  if (response.status >= 400 && response.status < 500) throw new AppError("invalid", `the webhook answered ${response.status}`);
  if (response.status >= 500) throw new Error(`the webhook answered ${response.status}`);
  return undefined;
}
