import type { ParsedAttachment } from "@/lib/email/types";
import { normalizeMessageId } from "@/lib/email/ids";

/**
 * RFC 3464 delivery status notifications: the machine-readable part says, per recipient, what
 * happened (Action, Status, Diagnostic-Code); the returned headers or message say which of our
 * messages it was about. RFC 6533 (`message/global-*`) is the UTF-8 variant of the same.
 */
export type DsnRecipient = {
  recipient: string | null;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
};

const STATUS_PARTS = new Set(["message/delivery-status", "message/global-delivery-status"]);
const RETURNED_PARTS = new Set(["text/rfc822-headers", "message/rfc822", "message/global-headers", "message/global"]);

/** `Name: value` fields of one block, folded lines joined, names lower-cased. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (m && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2].trim());
  }
  return out;
}

/** `rfc822; bob@example.com` → `bob@example.com`; `smtp; 550 …` → `550 …`. */
function withoutType(value: string | undefined): string | null {
  if (!value) return null;
  // Only a leading type token (`smtp;`, `rfc822;`, `X-Postfix;`) goes; later semicolons are text.
  const v = value.replace(/^[A-Za-z][\w-]*\s*;/, "").replace(/\s+/g, " ").trim();
  return v || null;
}

export function dsnRecipients(attachments: ParsedAttachment[]): DsnRecipient[] {
  const out: DsnRecipient[] = [];
  for (const part of attachments) {
    if (!STATUS_PARTS.has(part.contentType)) continue;
    // Blocks are separated by blank lines: the first is per-message, the rest per-recipient.
    const blocks = part.content.toString("utf8").split(/\r?\n[ \t]*\r?\n/);
    for (const block of blocks) {
      const f = fields(block);
      if (!f.has("action") && !f.has("final-recipient")) continue;
      out.push({
        recipient: withoutType(f.get("final-recipient") ?? f.get("original-recipient"))?.replace(/^<|>$/g, "") ?? null,
        action: f.get("action")?.toLowerCase().split(/[\s(]/)[0] ?? null,
        status: f.get("status")?.split(/\s/)[0] ?? null,
        diagnostic: withoutType(f.get("diagnostic-code")),
      });
    }
  }
  return out;
}

/** The Message-ID of the returned message, from its headers part or the whole returned message. */
export function returnedMessageId(attachments: ParsedAttachment[]): string | null {
  for (const part of attachments) {
    if (!RETURNED_PARTS.has(part.contentType)) continue;
    const text = part.content.toString("utf8");
    const end = text.search(/\r?\n\r?\n/);
    const id = messageIdHeader(end >= 0 ? text.slice(0, end) : text);
    if (id) return id;
  }
  return null;
}

/** First `Message-ID:` header line in a block of text (also used on non-standard bounce bodies). */
export function messageIdHeader(text: string): string | null {
  const m = /^[ \t>]*Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]+>|\S+)/im.exec(text);
  return m ? normalizeMessageId(m[1]) : null;
}

// RFC 3463 codes people meet most, for DSNs that give a status but no diagnostic text.
const STATUS_WORDS: Record<string, string> = {
  "5.1.1": "user unknown",
  "5.1.2": "domain not found",
  "5.1.10": "recipient address has a null MX",
  "5.2.1": "mailbox disabled",
  "5.2.2": "mailbox full",
  "5.2.3": "message too large",
  "5.3.4": "message too large",
  "5.4.1": "no answer from the recipient's server",
  "5.4.4": "recipient domain has no mail server",
  "5.4.7": "delivery time expired",
  "4.4.7": "delivery time expired",
  "5.7.1": "delivery not authorized, message refused",
  "5.7.26": "rejected: sender authentication (SPF/DKIM/DMARC) failed",
};

/** e.g. "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (bob@example.com)". */
export function describeFailure(r: DsnRecipient): string {
  const words = r.status ? STATUS_WORDS[r.status] : undefined;
  const what = r.diagnostic ?? (r.status ? `${r.status} ${words ?? "delivery failed"}` : "delivery failed");
  const text = r.recipient ? `${what} (${r.recipient})` : what;
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
