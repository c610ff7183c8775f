import type { AfterCommit } from "@/db/transaction";
import { autoReplyRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";

/** After the import commits: the send-auto-reply job decides whether this message gets an automatic reply. */
export function requestAutoReply(afterCommit: AfterCommit, ids: { accountId: number; messageId: number }): void {
  afterCommit(() => sendEvent(autoReplyRequested.create(ids)));
}
