import { auth } from "@/auth";
import { apiTokenUserId, downloadForUser, sessionUserId } from "@/lib/messages/download-route";
import { attachmentResponse, getAttachment } from "@/lib/messages/get-attachment";

/**
 * A message attachment for agents who may see its conversation (safe images inline, the rest as
 * downloads): signed in, or with the api_access_token header (the API's `data_url` points here).
 */
export async function GET(request: Request, context: { params: Promise<{ accountId: string; attachmentId: string }> }) {
  const { accountId, attachmentId } = await context.params;
  const userId = request.headers.has("api_access_token") ? await apiTokenUserId(request) : sessionUserId(await auth());
  return downloadForUser(userId, accountId, attachmentId, async (db, actor, account, id) =>
    attachmentResponse(await getAttachment(db, actor, account, id)),
  );
}
