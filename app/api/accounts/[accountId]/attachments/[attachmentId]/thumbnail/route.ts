import { auth } from "@/auth";
import { getAttachmentThumbnail } from "@/lib/attachments/get-thumbnail";
import { apiTokenUserId, downloadForUser, sessionUserId } from "@/lib/messages/download-route";
import { attachmentResponse } from "@/lib/messages/get-attachment";

/**
 * An image attachment's thumbnail (the API's `thumb_url`), for the same agents and with the same
 * credentials as the file: the small JPEG once the job made it, the original until then.
 */
export async function GET(request: Request, context: { params: Promise<{ accountId: string; attachmentId: string }> }) {
  const { accountId, attachmentId } = await context.params;
  const userId = request.headers.has("api_access_token") ? await apiTokenUserId(request) : sessionUserId(await auth());
  return downloadForUser(userId, accountId, attachmentId, async (db, actor, account, id) =>
    attachmentResponse(await getAttachmentThumbnail(db, actor, account, id)),
  );
}
