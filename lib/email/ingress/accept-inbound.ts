import type { Db } from "@/db/client";
import type { IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { routeInboundEmail, type InboundRoute } from "@/lib/email/route/route-inbound";
import { createLogger } from "@/lib/logger";
import type { InboundItem } from "./providers";
import { routingFieldsFromRaw } from "./recipients-from-raw";
import { storeInboundEmail, type StoredInbound } from "./store-inbound";

const log = createLogger("email-ingress");

export type AcceptedCopy = StoredInbound & { inboxId: number; route: InboundRoute["matchedBy"] };
export type AcceptResult = { status: "stored"; copies: AcceptedCopy[] } | { status: "unroutable"; recipients: string[] };

/**
 * Forwarded mail: find the inboxes from the header block's recipients, store the bytes once per
 * inbox and queue each copy's import (store-inbound.ts); parsing and threading happen in the
 * jobs, after the sender has its answer. Unroutable mail is reported, never dropped: the caller
 * answers with an error status so the sending server bounces or retries it.
 */
export async function acceptInboundEmail(db: Db, source: IngestSource, item: InboundItem): Promise<AcceptResult> {
  const fields = routingFieldsFromRaw(item.raw);
  const routes = await routeInboundEmail(db, fields, item.recipients);
  if (routes.length === 0) {
    const recipients = [...new Set([...item.recipients, ...fields.envelopeRecipients, ...fields.to.map((a) => a.address), ...fields.cc.map((a) => a.address)])];
    log.warn("unroutable inbound email", { source, recipients });
    return { status: "unroutable", recipients };
  }
  const stored = await storeInboundEmail(db, {
    targets: routes.map((r) => ({ accountId: r.accountId, inboxId: r.inboxId })),
    source,
    sourceRef: item.sourceRef ?? null,
    raw: item.raw,
    envelopeRecipients: item.recipients,
    replayToken: item.replayToken,
  });
  return { status: "stored", copies: stored.map((s, i) => ({ ...s, inboxId: routes[i].inboxId, route: routes[i].matchedBy })) };
}
