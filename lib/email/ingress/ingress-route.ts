import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import type { IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { acceptInboundEmail, type AcceptedCopy, type AcceptResult } from "./accept-inbound";
import type { InboundItem } from "./providers";

const log = createLogger("email-ingress");

/**
 * The wrapper of every /api/ingress/* route handler: the source's extractor checks credentials
 * and takes the MIME message(s) out of the request, each message is routed by its header block,
 * stored and queued for import once per inbox it is addressed to (accept-inbound.ts), and the
 * answer comes at once:
 *   202 {status: accepted|duplicate, raw_email_id, inbox_id, route} — stored; parsing, threading
 *       and any quarantine happen in the job, so a broken body never makes the sender retry;
 *       several copies (a message for several inboxes, or several messages):
 *       {status: accepted (any copy new) | duplicate, results: [one such object per copy]};
 *   `unroutableStatus` (422, or 406 for Mailgun, which then stops retrying) when no inbox has
 *       any of the recipients, so a relay bounces it instead of the mail vanishing;
 *   401 / 415 / 422 / 503 from the extractor, 500 with a reference (the sender retries).
 */
export function ingressRoute(
  source: IngestSource,
  extract: (request: Request) => Promise<InboundItem[]>,
  { unroutableStatus = 422 }: { unroutableStatus?: number } = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const items = await extract(request);
      const results: AcceptResult[] = [];
      for (const item of items) results.push(await acceptInboundEmail(getDb(), source, item));
      const unroutable = results.filter((r) => r.status === "unroutable");
      if (unroutable.length > 0) {
        const recipients = unroutable.flatMap((r) => (r.status === "unroutable" ? r.recipients : []));
        return Response.json(
          {
            error: "unroutable",
            message: `No inbox receives mail for ${recipients.join(", ") || "these recipients"}: check the inbox address or its forwarding address`,
            results: results.flatMap((r): object[] => (r.status === "stored" ? r.copies.map(copyJson) : [r])),
          },
          { status: unroutableStatus },
        );
      }
      const copies = results.flatMap((r) => (r.status === "stored" ? r.copies.map(copyJson) : []));
      if (copies.length === 1) return Response.json(copies[0], { status: 202 });
      const status = copies.some((c) => c.status === "accepted") ? "accepted" : "duplicate";
      return Response.json({ status, results: copies }, { status: 202 });
    } catch (e) {
      if (isAppError(e)) return Response.json({ error: e.code, message: e.message }, { status: e.status });
      const reference = randomUUID();
      log.error("ingress failed", { source, reference, error: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) });
      return Response.json({ error: "internal", message: "The message could not be stored; try again later", reference }, { status: 500 });
    }
  };
}

function copyJson(copy: AcceptedCopy) {
  return { status: copy.status, raw_email_id: copy.rawEmailId, inbox_id: copy.inboxId, route: copy.route };
}
