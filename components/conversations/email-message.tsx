import { Paperclip } from "lucide-react";
import type { MessageDetails } from "@/lib/messages/types";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import { sanitizeEmailHtml } from "@/lib/email/content/sanitize-html";
import { EmailBody, type EmailBodyProps } from "./email-body";
import { appUrl } from "@/lib/env";
import { OriginalEmailLink } from "./original-email-link";

type Parts = { full: string | null; reply: string | null };
export type NotImported = { filename: string; size: number };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
function parts(v: unknown): Parts {
  const o = (v ?? {}) as Record<string, unknown>;
  return { full: str(o.full), reply: str(o.reply) };
}

export const attachmentUrl = (accountId: number, attachmentId: number) => `/api/accounts/${accountId}/attachments/${attachmentId}`;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
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
    // Stored HTML was sanitized on import; sanitized again here because the API can write these attributes too.
    html: html.full ? { full: sanitizeEmailHtml(html.full), reply: html.reply ? sanitizeEmailHtml(html.reply) : null } : null,
    text: text.full ? { full: text.full, reply: text.reply } : null,
    inline,
    notImported,
  };
}

const KIND_LABELS: Record<string, string> = { auto_reply: "Auto-reply", list: "Mailing list", bounce: "Bounce" };

/** An incoming email in the thread: its headers, body, attachments and "Download original". */
export function EmailMessageView({ m, attachments, baseUrl }: { m: MessageDetails; attachments: AttachmentInfo[] | null; baseUrl?: string }) {
  const email = readEmail(m);
  const label = email.kind ? KIND_LABELS[email.kind] : undefined;
  const body: EmailBodyProps = {
    html: email.html,
    text: email.text ?? (m.content ? { full: m.content, reply: null } : null),
    inlineImages: email.inline,
    baseUrl: baseUrl ?? appUrl(),
  };
  // Inline images are shown in the body; the list shows the files a person would save.
  const inlineIds = new Set(Object.values(email.inline));
  const files = (attachments ?? []).filter((a) => !inlineIds.has(attachmentUrl(m.accountId, a.id)));
  return (
    <div className="flex w-[42rem] max-w-full min-w-0 flex-col gap-2 whitespace-normal" data-email-message={m.id}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-600">
        <dt className="font-medium">From</dt>
        <dd className="break-all">{email.senderName ? `${email.senderName} <${email.from ?? ""}>` : (email.from ?? "Unknown sender")}</dd>
        {email.to.length > 0 ? (
          <>
            <dt className="font-medium">To</dt>
            <dd className="break-all">{email.to.join(", ")}</dd>
          </>
        ) : null}
        {email.cc.length > 0 ? (
          <>
            <dt className="font-medium">Cc</dt>
            <dd className="break-all">{email.cc.join(", ")}</dd>
          </>
        ) : null}
        <dt className="font-medium">Subject</dt>
        <dd className="font-medium text-slate-800">
          {email.subject ?? "(no subject)"}
          {label ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-600">{label}</span> : null}
        </dd>
      </dl>
      <EmailBody {...body} />
      {files.length > 0 || email.notImported.length > 0 ? (
        <ul className="flex flex-col gap-1 border-t border-slate-100 pt-2 text-xs" aria-label="Attachments">
          {files.map((a) => (
            <li key={a.id} className="flex items-center gap-1.5">
              <Paperclip className="size-3.5 text-slate-400" aria-hidden="true" />
              <a href={attachmentUrl(m.accountId, a.id)} download={a.fileName} className="text-brand-600 hover:underline">
                {a.fileName}
              </a>
              <span className="text-slate-500">{formatSize(a.byteSize)}</span>
            </li>
          ))}
          {email.notImported.map((a, i) => (
            <li key={`not-imported-${i}`} className="flex items-center gap-1.5 text-slate-500">
              <Paperclip className="size-3.5 text-slate-300" aria-hidden="true" />
              <span>{a.filename}</span>
              <span>{formatSize(a.size)}</span>
              <span className="italic">not imported (over the size limit)</span>
            </li>
          ))}
        </ul>
      ) : null}
      <OriginalEmailLink accountId={m.accountId} messageId={m.id} />
    </div>
  );
}
