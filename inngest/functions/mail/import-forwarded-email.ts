import { getDb } from "@/db/client";
import { describe } from "@/lib/email/ingest/ingest-raw-email";
import { importStoredInboundEmail, quarantineUnimportable } from "@/lib/email/ingress/import-stored-inbound";
import { inngest } from "@/inngest/client";
import { inboundEmailStored } from "@/lib/jobs/events";

const RETRIES = 4;

/**
 * Imports forwarded mail that an ingress request stored and answered 202 for
 * (lib/email/ingress/store-inbound.ts). Unparseable mail is quarantined by the import, so only
 * an unexpected failure (the database) throws here, and the retry finds the row still pending.
 * Should the last attempt fail too, the message is quarantined with the reason for an
 * administrator to Reprocess, rather than left pending out of sight.
 */
export const importForwardedEmail = inngest.createFunction(
  { id: "import-forwarded-email", triggers: [{ event: inboundEmailStored }], retries: RETRIES },
  // One idempotent unit of work, so no step: a step's saved result would cost a write per message.
  async ({ event, attempt }) => {
    const { accountId, rawEmailId } = event.data;
    try {
      return await importStoredInboundEmail(getDb(), accountId, rawEmailId);
    } catch (error) {
      if (attempt >= RETRIES) await quarantineUnimportable(getDb(), accountId, rawEmailId, `The message could not be imported after ${RETRIES + 1} attempts: ${describe(error)}`);
      throw error;
    }
  },
);
