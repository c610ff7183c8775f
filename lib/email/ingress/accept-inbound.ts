import type { Db } from "@/db/client";
import type { IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { routeInboundEmail, type InboundRoute } from "@/lib/email/route/route-inbound";
import { createLogger } from "@/lib/logger";
import type { InboundItem } from "./providers";
import { routingFieldsFromRaw } from "./recipients-from-raw";
import { storeInboundEmail, type StoredInbound } from "./store-inbound";

const log = createLogger("email-ingress");

export type AcceptResult =
  | (StoredInbound & { inboxId: number; route: InboundRoute["matchedBy"] })
  | { status: "unroutable"; recipients: string[] };

/**
 * Forwarded mail: find the inbox from the header block's recipients, store the bytes and queue
 * their import (store-inbound.ts); parsing and threading happen in the job, after the sender
 * has its answer. Unroutable mail is reported, never dropped: the caller answers with an error
 * status so the sending server bounces or retries it.
 */
export async function acceptInboundEmail(db: Db, source: IngestSource, item: InboundItem): Promise<AcceptResult> {
  const fields = routingFieldsFromRaw(item.raw);
  const route = await routeInboundEmail(db, fields, item.recipients);
  if (!route) {
    const recipients = [...new Set([...item.recipients, ...fields.envelopeRecipients, ...fields.to.map((a) => a.address), ...fields.cc.map((a) => a.address)])];
    log.warn("unroutable inbound email", { source, recipients });
    return { status: "unroutable", recipients };
  }
  const stored = await storeInboundEmail(db, { accountId: route.accountId, inboxId: route.inboxId, source, sourceRef: item.sourceRef ?? null, raw: item.raw, envelopeRecipients: item.recipients, replayToken: item.replayToken });
  return { ...stored, inboxId: route.inboxId, route: route.matchedBy };
}
