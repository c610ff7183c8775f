import { auth } from "@/auth";
import { sessionUserId } from "@/lib/messages/download-route";
import { handleUpload } from "@/lib/messages/upload-route";

/** A file attached in the composer, staged until the reply or note is sent (lib/messages/upload-route.ts). */
export async function POST(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  return handleUpload(request, sessionUserId(await auth()), accountId);
}
