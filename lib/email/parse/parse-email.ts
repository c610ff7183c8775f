import { isUtf8 } from "node:buffer";
import { simpleParser, type AddressObject, type Attachment, type EmailAddress as MpAddress } from "mailparser";
import sanitizeHtml from "sanitize-html";
import { sanitizeEmailHtml } from "@/lib/email/content/sanitize-html";
import type { EmailAddress, ParsedAttachment, ParsedEmail } from "@/lib/email/types";
import { withKnownCharsets } from "./charset-fallback";
import { readableHeader } from "./header-text";
import { envelopeAddresses, firstMessageId, headerMap, messageIdList } from "./headers";
import { storableDeep } from "@/lib/storable-text";
import { cleanDisplayName, cleanFilename, cleanLine, fallbackFilename, MAX_SUBJECT_LENGTH } from "./hostile-text";

/**
 * Raw RFC 822 bytes → ParsedEmail, the one shape every inbound path hands to the pipeline.
 * mailparser does the MIME work (RFC 2047/2231, legacy charsets through iconv-lite, ISO-2022-JP);
 * a part whose charset label is unknown is decoded leniently instead of failing the message.
 * Throws only when the bytes are not an email at all, with a message an admin can act on.
 * Every text of the result is storable (lib/storable-text.ts): a NUL in a body, a header or a
 * name (raw, `=00`, base64, an encoded word) and lone surrogates never reach the database.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  assertLooksLikeEmail(withoutBom(raw));
  let mail;
  try {
    mail = await simpleParser(withKnownCharsets(withoutBom(raw)), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      // Text for HTML-only mail is derived below from the sanitized HTML, not the raw one.
      skipHtmlToText: true,
      // DSN parts stay attachments so classifyEmail can read them (RFC 3464).
      keepDeliveryStatus: true,
    });
  } catch (error) {
    throw new Error(mimeErrorInWords(error), { cause: error });
  }
  const headers = headerMap(mail.headerLines);
  if (Object.keys(headers).length === 0) {
    throw new Error("The message has no readable headers (From, To, Subject…); it does not look like an email.");
  }

  const html = typeof mail.html === "string" && mail.html.trim() ? sanitizeEmailHtml(mail.html) : null;
  const text = mail.text?.trim() ? mail.text : html ? htmlToPlainText(html) : null;
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;

  return storableDeep<ParsedEmail>({
    messageId: firstMessageId(headers["message-id"]),
    inReplyTo: messageIdList(headers["in-reply-to"]),
    references: messageIdList(headers["references"]),
    subject: cleanLine(readableHeader(mail.subject, raw, "subject"), MAX_SUBJECT_LENGTH),
    date,
    from: addresses(mail.from)[0] ?? null,
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    envelopeRecipients: envelopeAddresses(headers),
    headers,
    text,
    html,
    attachments: mail.attachments.map((a, i) => attachment(a, i, html)),
  });
}

/** The MIME library's limits (mailsplit) in words an admin can act on. */
function mimeErrorInWords(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  if (/child nodes/i.test(why)) return "The message has more than 1,000 MIME parts, more than Postdesk reads from one email.";
  if (/header size/i.test(why)) return "A header block in the message is larger than 1 MB, more than Postdesk reads from one email.";
  return `The message could not be read as MIME (${why}).`;
}

/** Some tools save .eml files with a UTF-8 byte order mark before the first header. */
function withoutBom(raw: Buffer): Buffer {
  return raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
}

function assertLooksLikeEmail(raw: Buffer): void {
  if (raw.length === 0) throw new Error("The message is empty (0 bytes).");
  // Header section: up to the first blank line. A header line is `Name: value` or a folded line.
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const headerSection = end >= 0 ? head.slice(0, end) : head;
  const firstLines = headerSection.split(/\r?\n/).slice(0, 5);
  // NUL bytes in a body are tolerated (broken mailers send binary unencoded); in headers they mean junk.
  if (headerSection.slice(0, 1024).includes("\u0000")) {
    throw new Error("The message contains binary data where its headers should be; it is not an RFC 822 email.");
  }
  const first = firstLines[0] ?? "";
  // mbox files start with `From sender date`: tolerated, mailparser skips it.
  if (!/^[!-9;-~]+:/.test(first) && !/^From /.test(first)) {
    throw new Error(
      `The message does not start with an email header (it starts with "${firstLineExcerpt(raw)}"); it is not an RFC 822 email.`,
    );
  }
}

/** The first line as a person would read it: UTF-8 when it is UTF-8 (no "Ã¿" mojibake), printable, short. */
function firstLineExcerpt(raw: Buffer): string {
  const bytes = raw.subarray(0, Math.min(raw.length, 240));
  const lineEnd = bytes.indexOf(0x0a);
  const line = lineEnd >= 0 ? bytes.subarray(0, lineEnd) : bytes;
  // A multi-byte character cut at the end is not a reason to fall back to Latin-1.
  const text = isUtf8(line) || isUtf8(line.subarray(0, Math.max(0, line.length - 3))) ? line.toString("utf8") : line.toString("latin1");
  return cleanLine(text, 60);
}

function addresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: EmailAddress[] = [];
  const visit = (a: MpAddress) => {
    if (a.group) a.group.forEach(visit);
    const address = (a.address ?? "").trim().toLowerCase();
    // `From: <<<@@@>>>` parses as the address "<@@@": an address nobody can reply to is none.
    if (isReadableAddress(address) && !out.some((o) => o.address === address)) {
      out.push({ name: cleanDisplayName(a.name), address });
    }
  };
  objects.forEach((o) => o.value.forEach(visit));
  return out;
}

/**
 * local@domain with nothing a mail server would refuse outright: one @, no spaces, brackets,
 * quotes or separators, a domain of labels that do not start or end with a dot or hyphen.
 */
export function isReadableAddress(address: string): boolean {
  const match = /^([^\s@<>()[\]\\,;:"]+)@([^\s@<>()[\]\\,;:"'/]+)$/.exec(address);
  if (!match) return false;
  const domain = match[2];
  return domain.split(".").every((label) => label.length > 0 && !label.startsWith("-") && !label.endsWith("-"));
}

function attachment(a: Attachment, index: number, html: string | null): ParsedAttachment {
  const contentId = a.contentId ? a.contentId.trim().replace(/^<|>$/g, "") || null : null;
  const contentType = (a.contentType || "application/octet-stream").toLowerCase();
  // Inline means "shown inside the HTML through cid:", whatever Content-Disposition says: many
  // mailers omit it on embedded images, and Apple Mail marks ordinary PDFs `inline`, which must
  // still be listed as attachments or the reader would never see them.
  const inline = contentId !== null && html !== null && html.toLowerCase().includes(`cid:${contentId.toLowerCase()}`);
  return {
    filename: cleanFilename(a.filename, fallbackFilename(contentType, index)),
    contentType,
    size: a.content.length,
    contentId,
    inline,
    content: a.content,
  };
}

/** Plain text for HTML-only mail: block elements become line breaks, tags go, entities decode. */
export function htmlToPlainText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|tr|li|h[1-6]|blockquote|table)>/gi, "\n")
    .replace(/<(td|th)[^>]*>/gi, " ");
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;|\u00a0/g, " ")
    .replace(/&#(\d+);/g, (_, n: string) => codePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => codePoint(parseInt(n, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  return text
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\ufffd";
}
