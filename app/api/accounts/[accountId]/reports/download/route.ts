import { auth } from "@/auth";
import { reportDownload } from "@/lib/reports/download";
import { sessionUserId } from "@/lib/messages/download-route";

/**
 * The Reports screens' "Download CSV" (session-authenticated; the v2 API's CSVs take a token):
 * the same figures, filters and business-hours switch as the screen that links here.
 */
export async function GET(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  return reportDownload(sessionUserId(await auth()), accountId, new URL(request.url).searchParams);
}
