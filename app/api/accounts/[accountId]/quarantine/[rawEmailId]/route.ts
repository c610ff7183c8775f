import { auth } from "@/auth";
import { getQuarantinedEmailFile } from "@/lib/email/ingest/quarantined-email";
import { downloadForUser, sessionUserId } from "@/lib/messages/download-route";
import { rawEmailResponse } from "@/lib/messages/get-raw-email";

/** "Download original" of a quarantined message, for administrators of the account. */
export async function GET(_request: Request, context: { params: Promise<{ accountId: string; rawEmailId: string }> }) {
  const { accountId, rawEmailId } = await context.params;
  return downloadForUser(sessionUserId(await auth()), accountId, rawEmailId, async (db, actor, account, id) =>
    rawEmailResponse(await getQuarantinedEmailFile(db, actor, account, id)),
  );
}
