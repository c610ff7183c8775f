import { ResponseType } from "@microsoft/microsoft-graph-client";
import type { Db } from "@/db/client";
import { ingestRawEmail, type IngestResult } from "@/lib/email/ingest/ingest-raw-email";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";
import { graphClient, graphUrl, userPath, type GraphScope } from "./client";

/**
 * Fetches one message's raw MIME (`/users/{mailbox}/messages/{id}/$value`) and hands it to the
 * same pipeline as every other inbound path: stored before parsing, deduplicated by Message-ID
 * (a notification and the delta reconciler may both bring it), threaded by its headers.
 */
export async function importGraphMessage(db: Db, scope: GraphScope, graphMessageId: string): Promise<IngestResult> {
  const token = await getAccessToken(db, scope);
  const body = (await graphClient(db, scope)
    .api(graphUrl(`${userPath(token.mailboxAddress)}/messages/${encodeURIComponent(graphMessageId)}/$value`))
    .responseType(ResponseType.ARRAYBUFFER)
    .get()) as ArrayBuffer;
  return ingestRawEmail(db, { ...scope, source: "graph", sourceRef: graphMessageId, raw: Buffer.from(body) });
}
