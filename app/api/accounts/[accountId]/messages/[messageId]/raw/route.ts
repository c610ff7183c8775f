import { auth } from "@/auth";
import { downloadForUser, sessionUserId } from "@/lib/messages/download-route";
import { getRawEmail, rawEmailResponse } from "@/lib/messages/get-raw-email";

/** "Download original": the .eml of an email message, for agents who may see its conversation. */
export async function GET(_request: Request, context: { params: Promise<{ accountId: string; messageId: string }> }) {
  const { accountId, messageId } = await context.params;
  return downloadForUser(sessionUserId(await auth()), accountId, messageId, async (db, actor, account, id) =>
    rawEmailResponse(await getRawEmail(db, actor, account, id)),
  );
}
