import { ourMessageId, parseReplyAddress } from "@/lib/email/ids";
import { replySubject } from "./subject";
import { extendThreadIndex } from "./thread-index";

/** What we know of the inbound message being answered (all ids without angle brackets). */
export type AnsweredEmail = {
  messageId: string | null;
  references: string[];
  subject: string | null;
  from: string | null;
  to: string[];
  cc: string[];
  threadIndex: string | null;
};

export type ComposeReplyInput = {
  conversationUuid: string;
  messageId: number;
  /** Right side of our Message-IDs (mailDomain()). */
  domain: string;
  inbox: { name: string; email: string };
  /** The agent who wrote the reply: the From name becomes "<agent> from <inbox>" as in Chatwoot. */
  senderName?: string | null;
  /** replyAddress(uuid): set when an inbound domain is configured, else replies go to the inbox. */
  replyAddress: string | null;
  contact: { name: string; email: string | null };
  /** The last inbound message of the conversation, when there is one. */
  answered: AnsweredEmail | null;
  /** Subject to use when there is no inbound message (an agent-started conversation). */
  subjectFallback?: string | null;
  replyAll?: boolean;
  /**
   * Recipients the agent (or an API client) named on this message, as Chatwoot's
   * content_attributes to_emails / cc_emails / bcc_emails: `to` replaces the default recipients.
   */
  explicit?: { to?: string[]; cc?: string[]; bcc?: string[] };
  /** Our own automatic mail (auto-responders, CSAT) says so (RFC 3834). */
  isAutomatic?: boolean;
  now?: Date;
};

export type ComposedHeaders = {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: { name: string; address: string };
  replyTo: string;
  to: string[];
  cc: string[];
  /** Envelope only: never written into the message headers. */
  bcc: string[];
  /** Extra headers to set verbatim. */
  headers: Record<string, string>;
};

/** Long threads would grow References without bound; keep the root and the most recent ids. */
export const MAX_REFERENCES = 10;

export function trimReferences(ids: string[], max = MAX_REFERENCES): string[] {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length <= max) return unique;
  return [unique[0], ...unique.slice(unique.length - (max - 1))];
}

const lower = (a: string) => a.trim().toLowerCase();

/**
 * Threading headers, subject and recipients of an outbound reply (docs/email.md, Sending). Pure: the caller
 * loads the conversation and the answered message. Recipients are the contact, or for "reply all"
 * the sender, To and Cc of the answered message; nobody else is added, and our own addresses are
 * never among them.
 */
export function composeReplyHeaders(input: ComposeReplyInput): ComposedHeaders {
  const { answered } = input;
  const messageId = ourMessageId(input.conversationUuid, input.messageId, input.domain);
  const inReplyTo = answered?.messageId ?? null;
  const references = trimReferences([...(answered?.references ?? []), ...(inReplyTo ? [inReplyTo] : [])]);

  const own = new Set([lower(input.inbox.email), ...(input.replyAddress ? [lower(input.replyAddress)] : [])]);
  const isOwn = (address: string) => own.has(address) || parseReplyAddress(address) !== null;
  const seen = new Set<string>();
  const pick = (addresses: (string | null | undefined)[]) => {
    const out: string[] = [];
    for (const raw of addresses) {
      if (!raw) continue;
      const a = lower(raw);
      if (!a.includes("@") || isOwn(a) || seen.has(a)) continue;
      seen.add(a);
      out.push(a);
    }
    return out;
  };
  const primary = input.contact.email ?? answered?.from ?? null;
  const explicit = input.explicit ?? {};
  const to = explicit.to?.length
    ? pick(explicit.to)
    : input.replyAll && answered
      ? pick([answered.from ?? primary, ...answered.to])
      : pick([primary]);
  const cc = pick([...(input.replyAll && answered ? answered.cc : []), ...(explicit.cc ?? [])]);
  const bcc = pick(explicit.bcc ?? []);

  const headers: Record<string, string> = { "X-Postdesk-Conversation": input.conversationUuid };
  const threadIndex = extendThreadIndex(answered?.threadIndex, input.now);
  if (threadIndex) headers["Thread-Index"] = threadIndex;
  if (input.isAutomatic) {
    // RFC 3834; and Exchange/Outlook send no out-of-office or rule reply back to it.
    headers["Auto-Submitted"] = "auto-replied";
    headers["X-Auto-Response-Suppress"] = "All";
  }

  return {
    messageId,
    inReplyTo,
    references,
    subject: replySubject(answered?.subject ?? input.subjectFallback),
    from: { name: input.senderName?.trim() ? `${input.senderName.trim()} from ${input.inbox.name}` : input.inbox.name, address: input.inbox.email },
    replyTo: input.replyAddress ?? input.inbox.email,
    to,
    cc,
    bcc,
    headers,
  };
}
