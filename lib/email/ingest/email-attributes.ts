import { splitQuotedHtml, splitQuotedText } from "@/lib/email/content/quotes";
import type { EmailClassification, EmailAddress, ParsedEmail } from "@/lib/email/types";
import type { NotImportedAttachment } from "./attachments";

/**
 * content_attributes.email of an incoming email message (Chatwoot's shape, plus what Postdesk
 * adds): the headers threading and replies need, the HTML and text each as full / reply / quoted
 * (quoted history and signatures are folded in the view, never deleted: `full` keeps everything),
 * the kind (normal, auto_reply, list) and the attachments that were too large to import.
 */
export type EmailContentParts = { full: string | null; reply: string | null; quoted: string | null };

export type IncomingEmailAttributes = {
  from: string[];
  sender_name: string | null;
  to: string[];
  cc: string[];
  reply_to: string[];
  subject: string;
  date: string | null;
  message_id: string | null;
  in_reply_to: string[];
  references: string[];
  html_content: EmailContentParts;
  text_content: EmailContentParts;
  kind: EmailClassification["kind"];
  auto_reply?: true;
  attachments_not_imported?: NotImportedAttachment[];
  /** Content-ID → attachment id, so `cid:` images resolve. Filled after the attachments are stored. */
  inline_images?: Record<string, number>;
  /** Outlook's Thread-Index (base64), so our reply can extend it and Outlook keeps the thread. */
  thread_index?: string;
  /** A few headers automation rules may test (`mail_header:list-id`), by lower-case name; only when the mail has them. */
  headers?: Record<string, string>;
};

/** Headers kept for automation conditions: what tells a list, a bulk sender or an automatic reply apart. */
const RULE_HEADERS = ["list-id", "list-unsubscribe", "precedence", "auto-submitted", "x-auto-response-suppress"];

const addresses = (list: EmailAddress[]) => list.map((a) => a.address);

export function incomingEmailAttributes(
  parsed: ParsedEmail,
  classification: EmailClassification,
  notImported: NotImportedAttachment[],
): IncomingEmailAttributes {
  const attributes: IncomingEmailAttributes = {
    from: parsed.from ? [parsed.from.address] : [],
    sender_name: parsed.from?.name || null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    reply_to: addresses(parsed.replyTo),
    subject: parsed.subject,
    date: parsed.date ? parsed.date.toISOString() : null,
    message_id: parsed.messageId,
    in_reply_to: parsed.inReplyTo,
    references: parsed.references,
    html_content: parts(parsed.html, splitQuotedHtml),
    text_content: parts(parsed.text, splitQuotedText),
    kind: classification.kind,
  };
  if (classification.kind === "auto_reply") attributes.auto_reply = true;
  if (notImported.length > 0) attributes.attachments_not_imported = notImported;
  const headers = Object.fromEntries(RULE_HEADERS.flatMap((name) => (parsed.headers[name]?.[0] ? [[name, parsed.headers[name][0].trim().slice(0, 500)]] : [])));
  if (Object.keys(headers).length > 0) attributes.headers = headers;
  const threadIndex = threadIndexOf(parsed);
  if (threadIndex) attributes.thread_index = threadIndex;
  return attributes;
}

// A valid index is 22 bytes plus 5 per reply (under 100 base64 characters for real chains); a
// hostile header is not worth keeping beyond what any Outlook thread reaches.
const MAX_THREAD_INDEX = 2_000;

function threadIndexOf(parsed: ParsedEmail): string | null {
  const value = parsed.headers["thread-index"]?.[0]?.replace(/\s+/g, "");
  return value && value.length <= MAX_THREAD_INDEX ? value : null;
}

function parts(full: string | null, split: (value: string) => { body: string; quoted: string | null }): EmailContentParts {
  if (!full) return { full: null, reply: null, quoted: null };
  const { body, quoted } = split(full);
  return { full, reply: body || null, quoted: quoted || null };
}

// The message's own text column holds what a person wrote (the reply part), as Chatwoot does;
// bounded like every message, with the complete text kept in content_attributes and the raw mail.
const CONTENT_MAX = 150_000;

export function messageContent(attributes: IncomingEmailAttributes): string {
  const text = attributes.text_content.reply ?? attributes.text_content.full;
  const content = text?.trim() ? text.trim() : attributes.subject.trim() || "(no text)";
  return content.length > CONTENT_MAX ? content.slice(0, CONTENT_MAX - 1) + "…" : content;
}
