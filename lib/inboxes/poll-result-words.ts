import type { InboxPolledPayload } from "@/lib/realtime/payloads";

/** The words "Poll now" shows once its poll has finished (client and server alike). */
export function pollResultWords(result: Pick<InboxPolledPayload, "ok" | "imported" | "quarantined" | "more" | "error">): string {
  if (!result.ok) return `Could not check for new mail: ${result.error ?? "the poll failed"}`;
  const parts = [result.imported === 0 ? "no new messages" : result.imported === 1 ? "1 new message" : `${result.imported} new messages`];
  if (result.quarantined > 0) parts.push(`${result.quarantined} quarantined (see below)`);
  const text = `Checked just now: ${parts.join(", ")}`;
  return result.more ? `${text}; more mail is waiting and is being fetched` : text;
}
