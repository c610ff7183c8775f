import { auth } from "@/auth";
import { sessionUserId } from "@/lib/messages/download-route";
import { jsonForUser } from "@/lib/realtime/session-json";
import { quickSearch } from "@/lib/search/quick-search";

/** The command bar's search as the agent types (components/search/command-bar.tsx): conversations and contacts. */
export async function GET(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return jsonForUser(sessionUserId(await auth()), accountId, (db, actor, id) => quickSearch(db, actor, id, q));
}
