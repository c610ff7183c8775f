import { getDb } from "@/db/client";
import { receiveGraphNotifications } from "@/lib/mailbox/graph/notifications";

/**
 * Microsoft Graph's change and lifecycle notifications for graph-transport inboxes. Graph first
 * validates the URL with `?validationToken=…` and needs it echoed as text/plain within 10 s; real
 * notifications need a 2xx within 3 s, so they are only checked (clientState) and queued here.
 * Always 202 for a notification body, even an ignored one: Graph would retry anything else.
 */
export async function POST(request: Request): Promise<Response> {
  const validationToken = new URL(request.url).searchParams.get("validationToken");
  if (validationToken !== null) {
    // nosniff: the token is whatever the caller put in the URL; it must never be read as HTML.
    return new Response(validationToken, { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" } });
  }
  const body: unknown = await request.json().catch(() => null);
  await receiveGraphNotifications(getDb(), body);
  return new Response(null, { status: 202 });
}

export const dynamic = "force-dynamic";
