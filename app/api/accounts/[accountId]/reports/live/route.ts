import { auth } from "@/auth";
import { sessionUserId } from "@/lib/messages/download-route";
import { jsonForUser } from "@/lib/realtime/session-json";
import { liveOverview } from "@/lib/reports/live-overview";

/**
 * The reports overview's live view (open, unassigned, pending now; each agent's presence and
 * load), read again by the open overview after conversation events instead of re-rendering it
 * (components/reports/live-view.tsx).
 */
export async function GET(_request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  return jsonForUser(sessionUserId(await auth()), accountId, liveOverview);
}
