import { auth } from "@/auth";
import { getMacroFile } from "@/lib/automation/macro-files";
import { apiTokenUserId, downloadForUser, sessionUserId } from "@/lib/messages/download-route";
import { attachmentResponse } from "@/lib/messages/get-attachment";

/** A macro's file (its `file_url`) for agents who see the macro, signed in or with the api_access_token header. */
export async function GET(request: Request, context: { params: Promise<{ accountId: string; fileId: string }> }) {
  const { accountId, fileId } = await context.params;
  const userId = request.headers.has("api_access_token") ? await apiTokenUserId(request) : sessionUserId(await auth());
  return downloadForUser(userId, accountId, fileId, async (db, actor, account, id) => attachmentResponse(await getMacroFile(db, actor, account, id)));
}
