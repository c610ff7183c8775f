import { getDb } from "@/db/client";
import { importStoredInboundEmail } from "@/lib/email/ingress/import-stored-inbound";
import { inngest } from "@/inngest/client";
import { inboundEmailStored } from "@/inngest/events";

/**
 * Imports forwarded mail that an ingress request stored and answered 202 for
 * (lib/email/ingress/store-inbound.ts). Unparseable mail is quarantined by the import, so only
 * a database failure throws here, and the retry finds the row still pending.
 */
export const importForwardedEmail = inngest.createFunction(
  { id: "import-forwarded-email", triggers: [{ event: inboundEmailStored }], retries: 4 },
  // One idempotent unit of work, so no step: a step's saved result would cost a write per message.
  async ({ event }) => importStoredInboundEmail(getDb(), event.data.accountId, event.data.rawEmailId),
);
