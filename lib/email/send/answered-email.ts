import type { Message } from "@/db/schema";
import type { AnsweredEmail } from "@/lib/email/compose/reply-headers";
import { normalizeMessageId } from "@/lib/email/ids";

/**
 * Reads what an inbound message kept of its mail headers. Ingestion stores them in
 * content_attributes.email (Chatwoot's shape: message_id, in_reply_to, references, subject, from,
 * to, cc as strings or arrays of strings, plus thread_index); messages.source_id is the Message-ID.
 * Lenient on purpose: older rows and other channels may lack any of these.
 */
type Loose = Record<string, unknown>;

function strings(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.flatMap((v) => strings(typeof v === "object" && v !== null ? (v as Loose).address : v));
  return [];
}

/** Addresses from a string ("a@x, b@y") or an array, as API clients send to_emails / cc_emails. */
export function addressList(value: unknown): string[] {
  return strings(value).filter((s) => s.includes("@"));
}

function firstAddress(value: unknown): string | null {
  return strings(value).find((s) => s.includes("@"))?.replace(/^<|>$/g, "") ?? null;
}

function ids(value: unknown): string[] {
  return strings(value)
    .map(normalizeMessageId)
    .filter((id): id is string => id !== null);
}

function header(email: Loose, name: string): unknown {
  const headers = email.headers;
  if (typeof headers !== "object" || headers === null) return undefined;
  const value = (headers as Loose)[name];
  return Array.isArray(value) ? value[0] : value;
}

export function toAnsweredEmail(message: Pick<Message, "sourceId" | "contentAttributes">): AnsweredEmail {
  const email = (message.contentAttributes.email ?? {}) as Loose;
  const threadIndex = email.thread_index ?? header(email, "thread-index");
  return {
    messageId: normalizeMessageId(message.sourceId ?? "") ?? ids(email.message_id)[0] ?? null,
    references: ids(email.references ?? header(email, "references")),
    subject: typeof email.subject === "string" ? email.subject : null,
    from: firstAddress(email.from),
    to: strings(email.to).filter((s) => s.includes("@")),
    cc: strings(email.cc).filter((s) => s.includes("@")),
    threadIndex: typeof threadIndex === "string" ? threadIndex : null,
  };
}
