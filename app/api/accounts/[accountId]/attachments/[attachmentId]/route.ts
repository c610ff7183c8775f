import { auth } from "@/auth";
import { downloadForUser, sessionUserId } from "@/lib/messages/download-route";
import { attachmentResponse, getAttachment } from "@/lib/messages/get-attachment";

/** A message attachment for agents who may see its conversation (safe images inline, the rest as downloads). */
export async function GET(_request: Request, context: { params: Promise<{ accountId: string; attachmentId: string }> }) {
  const { accountId, attachmentId } = await context.params;
  return downloadForUser(sessionUserId(await auth()), accountId, attachmentId, async (db, actor, account, id) =>
    attachmentResponse(await getAttachment(db, actor, account, id)),
  );
}
