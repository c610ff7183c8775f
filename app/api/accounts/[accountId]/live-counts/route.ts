import { auth } from "@/auth";
import { decodeFilter, toPayload } from "@/components/conversations/filter-url";
import { liveCounts, type LiveCountsInput } from "@/lib/conversations/live-counts";
import { sessionUserId } from "@/lib/messages/download-route";
import { jsonForUser } from "@/lib/realtime/session-json";

/**
 * The counts a live screen shows (sidebar unread/total, and with `status` the list's tab counts
 * under `status` + `inbox_id`, or under the advanced filter `filter`), read after live events instead of re-rendering the screen
 * (components/realtime/live-counts.tsx).
 */
export async function GET(request: Request, context: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await context.params;
  const query = new URL(request.url).searchParams;
  const status = query.get("status");
  const inboxId = query.get("inbox_id");
  // Checked by the domain function's schema (an unknown status is a 422).
  const tabs = (status === null ? undefined : { status, ...(inboxId ? { inboxId } : {}) }) as LiveCountsInput["tabs"];
  // `filter`: the list's advanced filter, encoded as in the list's own URL (components/conversations/filter-url.ts).
  const items = decodeFilter(query.get("filter") ?? undefined);
  const filter = items ? (toPayload(items) as LiveCountsInput["filter"]) : undefined;
  return jsonForUser(sessionUserId(await auth()), accountId, (db, actor, id) => liveCounts(db, actor, id, { tabs, filter }));
}
