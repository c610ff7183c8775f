import { appUrl, env } from "@/lib/env";

/**
 * Our own markers in mail (docs/email.md, Threading): Message-IDs of the form
 * `conversation/<uuid>/messages/<id>@<domain>` and reply addresses `reply+<uuid>@<domain>`.
 * Threading recognises both before anything else.
 */
export function mailDomain(): string {
  return env().INBOUND_EMAIL_DOMAIN ?? new URL(appUrl()).hostname;
}

export function ourMessageId(conversationUuid: string, messageId: number, domain = mailDomain()): string {
  return `conversation/${conversationUuid}/messages/${messageId}@${domain}`;
}

const OUR_ID = /^conversation\/([0-9a-f-]{36})\/messages\/(\d+)@/i;

export function parseOurMessageId(id: string): { conversationUuid: string; messageId: number } | null {
  const m = OUR_ID.exec(id);
  return m ? { conversationUuid: m[1].toLowerCase(), messageId: Number(m[2]) } : null;
}

/** reply+<uuid>@domain, only when an inbound domain is configured (else replies go to the inbox address). */
export function replyAddress(conversationUuid: string): string | null {
  const domain = env().INBOUND_EMAIL_DOMAIN;
  return domain ? `reply+${conversationUuid}@${domain}` : null;
}

const REPLY = /^reply\+([0-9a-f-]{36})@(.+)$/i;

export function parseReplyAddress(address: string): { conversationUuid: string; domain: string } | null {
  const m = REPLY.exec(address.trim());
  return m ? { conversationUuid: m[1].toLowerCase(), domain: m[2].toLowerCase() } : null;
}

/** `<a@b>` and `a@b` both become `a@b`; anything without an @ is not an id. */
export function normalizeMessageId(value: string): string | null {
  const v = value.trim().replace(/^<|>$/g, "").trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(v) ? v : null;
}
