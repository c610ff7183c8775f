import { auth } from "@/auth";
import { stageRuleFile } from "@/lib/automation/rule-files";
import { sessionUserId } from "@/lib/messages/download-route";
import { handleUpload } from "@/lib/messages/upload-route";

/** A file for a rule's send_attachment, from the rule form (as the composer uploads; lib/messages/upload-route.ts). */
export async function POST(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  return handleUpload(request, sessionUserId(await auth()), accountId, stageRuleFile);
}
