import type { MessageDetails } from "@/lib/messages/types";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import { sanitizedEmailHtml } from "@/lib/email/content/sanitize-cache";
import { appUrl } from "@/lib/env";
import { attachmentUrl, EmailCard, type EmailView } from "./email-card";

export { attachmentUrl, formatSize, type NotImported } from "./email-card";

type Parts = { full: string | null; reply: string | null };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
function parts(v: unknown): Parts {
  const o = (v ?? {}) as Record<string, unknown>;
  return { full: str(o.full), reply: str(o.reply) };
}

/** What the view needs from content_attributes.email (written by ingestion; read defensively, API clients may write it too). */
export function readEmail(m: MessageDetails) {
  const e = (m.contentAttributes.email ?? {}) as Record<string, unknown>;
  const html = parts(e.html_content);
  const text = parts(e.text_content);
  const inline: Record<string, string> = {};
  for (const [cid, id] of Object.entries((e.inline_images ?? {}) as Record<string, unknown>)) {
    if (typeof id === "number") inline[cid] = attachmentUrl(m.accountId, id);
  }
  const notImported = (Array.isArray(e.attachments_not_imported) ? e.attachments_not_imported : [])
    .map((a) => a as Record<string, unknown>)
    .map((a) => ({ filename: str(a.filename) ?? "attachment", size: typeof a.size === "number" ? a.size : 0 }));
  return {
    from: strings(e.from)[0] ?? null,
    senderName: str(e.sender_name),
    to: strings(e.to),
    cc: strings(e.cc),
    subject: str(e.subject),
    kind: e.auto_reply === true ? "auto_reply" : str(e.kind),
    // Stored HTML was sanitized on import; sanitized again here because the API can write these
    // attributes too (remembered per process: every view of the thread would pay it again).
    html: html.full ? { full: sanitizedEmailHtml(html.full), reply: html.reply ? sanitizedEmailHtml(html.reply) : null } : null,
    text: text.full ? { full: text.full, reply: text.reply } : null,
    inline,
    notImported,
  };
}

const KIND_LABELS: Record<string, string> = { auto_reply: "Auto-reply", list: "Mailing list", bounce: "Bounce" };

/**
 * The card's data, prepared on the server (sanitizing needs it): by the page's render, and by the
 * message route for a live thread (GET /api/accounts/{id}/messages/{id}).
 */
export function emailView(m: MessageDetails, attachments: Pick<AttachmentInfo, "id" | "fileName" | "byteSize">[] | null, baseUrl?: string): EmailView {
  const email = readEmail(m);
  // Inline images are shown in the body; the list shows the files a person would save.
  const inlineIds = new Set(Object.values(email.inline));
  return {
    from: email.from,
    senderName: email.senderName,
    to: email.to,
    cc: email.cc,
    subject: email.subject,
    label: (email.kind ? KIND_LABELS[email.kind] : undefined) ?? null,
    body: {
      html: email.html,
      text: email.text ?? (m.content ? { full: m.content, reply: null } : null),
      inlineImages: email.inline,
      baseUrl: baseUrl ?? appUrl(),
    },
    files: (attachments ?? []).filter((a) => !inlineIds.has(attachmentUrl(m.accountId, a.id))).map((a) => ({ id: a.id, fileName: a.fileName, byteSize: a.byteSize })),
    notImported: email.notImported,
  };
}

/** An incoming email in the thread, rendered by the server. */
export function EmailMessageView({ m, attachments, baseUrl }: { m: MessageDetails; attachments: AttachmentInfo[] | null; baseUrl?: string }) {
  return <EmailCard accountId={m.accountId} messageId={m.id} view={emailView(m, attachments, baseUrl)} />;
}
