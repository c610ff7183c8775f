import type { Db } from "@/db/client";
import { ingestRawEmail, type IngestResult, type IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { routeInboundEmail, type InboundRoute } from "@/lib/email/route/route-inbound";
import { createLogger } from "@/lib/logger";
import type { InboundItem } from "./providers";
import { routingFieldsFromRaw } from "./recipients-from-raw";

const log = createLogger("email-ingress");

export type AcceptResult =
  | ({ status: IngestResult["status"]; inboxId: number; route: InboundRoute["matchedBy"] } & Pick<IngestResult, "rawEmailId" | "conversationDisplayId" | "reason">)
  | { status: "unroutable"; recipients: string[] };

/**
 * Forwarded mail: find the inbox from the recipients, then hand the bytes to the one inbound
 * pipeline (stored first, parsed, threaded). Unroutable mail is reported, never dropped: the
 * caller answers with an error status so the sending server bounces or retries it.
 */
export async function acceptInboundEmail(db: Db, source: IngestSource, item: InboundItem): Promise<AcceptResult> {
  const fields = routingFieldsFromRaw(item.raw);
  const route = await routeInboundEmail(db, fields, item.recipients);
  if (!route) {
    const recipients = [...new Set([...item.recipients, ...fields.envelopeRecipients, ...fields.to.map((a) => a.address), ...fields.cc.map((a) => a.address)])];
    log.warn("unroutable inbound email", { source, recipients });
    return { status: "unroutable", recipients };
  }
  const result = await ingestRawEmail(db, { accountId: route.accountId, inboxId: route.inboxId, source, sourceRef: item.sourceRef ?? null, raw: item.raw });
  return {
    status: result.status,
    inboxId: route.inboxId,
    route: route.matchedBy,
    rawEmailId: result.rawEmailId,
    ...(result.conversationDisplayId !== undefined ? { conversationDisplayId: result.conversationDisplayId } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
  };
}
