import { auth } from "@/auth";
import { emailView } from "@/components/conversations/email-message";
import { sessionUserId } from "@/lib/messages/download-route";
import { getThreadMessage } from "@/lib/messages/get-thread-message";
import { requestOrigin } from "@/app/_server/request-origin";
import { jsonForUser, positiveId } from "@/lib/realtime/session-json";

/**
 * One message of a thread, as an open thread shows it: `{ message, email, attachments? }`, `email` being the
 * prepared (sanitized) card of an incoming email, else null. Fetched by a live thread when an
 * event cannot carry the message itself (components/conversations/live-thread-tail.tsx).
 */
export async function GET(_request: Request, context: { params: Promise<{ accountId: string; messageId: string }> }) {
  const { accountId, messageId } = await context.params;
  const [session, baseUrl] = await Promise.all([auth(), requestOrigin()]);
  return jsonForUser(sessionUserId(session), accountId, async (db, actor, id) => {
    const { message, attachments } = await getThreadMessage(db, actor, id, positiveId(messageId) ?? 0);
    // An agent's reply or note lists its files; an email's card carries them itself.
    if (message.contentType !== "incoming_email") return { message, email: null, attachments };
    // The card carries what the browser needs; the stored email attributes stay on the server.
    const { email: _stored, ...contentAttributes } = message.contentAttributes;
    return { message: { ...message, contentAttributes }, email: emailView(message, attachments, baseUrl) };
  });
}
