import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import type { IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { acceptInboundEmail, type AcceptResult } from "./accept-inbound";
import type { InboundItem } from "./providers";

const log = createLogger("email-ingress");

/**
 * The wrapper of every /api/ingress/* route handler: the source's extractor checks credentials
 * and takes the MIME message(s) out of the request, each message is routed by its header block,
 * stored and queued for import (accept-inbound.ts), and the answer comes at once:
 *   202 {status: accepted|duplicate, raw_email_id, inbox_id} — stored; parsing, threading and any
 *       quarantine happen in the job, so a broken body never makes the sender retry;
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
            results: results.map(toJson),
          },
          { status: unroutableStatus },
        );
      }
      if (results.length === 1) return Response.json(toJson(results[0]), { status: 202 });
      return Response.json({ status: "accepted", results: results.map(toJson) }, { status: 202 });
    } catch (e) {
      if (isAppError(e)) return Response.json({ error: e.code, message: e.message }, { status: e.status });
      const reference = randomUUID();
      log.error("ingress failed", { source, reference, error: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) });
      return Response.json({ error: "internal", message: "The message could not be stored; try again later", reference }, { status: 500 });
    }
  };
}

function toJson(result: AcceptResult) {
  if (result.status === "unroutable") return result;
  return { status: result.status, raw_email_id: result.rawEmailId, inbox_id: result.inboxId, route: result.route };
}
