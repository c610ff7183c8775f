import { Paperclip } from "lucide-react";
import { EmailBody, type EmailBodyProps } from "./email-body";
import { OriginalEmailLink } from "./original-email-link";

/*
 * An incoming email as the thread shows it, from data the server prepared (`emailView` in
 * email-message.tsx: headers read defensively, HTML sanitized): the same card whether the page
 * rendered it or a live event brought it (the message route returns the prepared view).
 */

export type NotImported = { filename: string; size: number };
export type EmailFile = { id: number; fileName: string; byteSize: number };

/** What an incoming email's card shows, as plain JSON. */
export type EmailView = {
  from: string | null;
  senderName: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  /** "Auto-reply", "Mailing list", "Bounce". */
  label: string | null;
  body: EmailBodyProps;
  /** The files a person would save (inline images are in the body). */
  files: EmailFile[];
  notImported: NotImported[];
};

export const attachmentUrl = (accountId: number, attachmentId: number) => `/api/accounts/${accountId}/attachments/${attachmentId}`;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** An incoming email in the thread: its headers, body, attachments and "Download original". */
export function EmailCard({ accountId, messageId, view }: { accountId: number; messageId: number; view: EmailView }) {
  return (
    <div className="flex w-[42rem] max-w-full min-w-0 flex-col gap-2 whitespace-normal" data-email-message={messageId}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-600">
        <dt className="font-medium">From</dt>
        <dd className="break-all">{view.senderName ? `${view.senderName} <${view.from ?? ""}>` : (view.from ?? "Unknown sender")}</dd>
        {view.to.length > 0 ? (
          <>
            <dt className="font-medium">To</dt>
            <dd className="break-all">{view.to.join(", ")}</dd>
          </>
        ) : null}
        {view.cc.length > 0 ? (
          <>
            <dt className="font-medium">Cc</dt>
            <dd className="break-all">{view.cc.join(", ")}</dd>
          </>
        ) : null}
        <dt className="font-medium">Subject</dt>
        <dd className="font-medium text-slate-800">
          {view.subject ?? "(no subject)"}
          {view.label ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-600">{view.label}</span> : null}
        </dd>
      </dl>
      <EmailBody {...view.body} />
      {view.files.length > 0 || view.notImported.length > 0 ? (
        <ul className="flex flex-col gap-1 border-t border-slate-100 pt-2 text-xs" aria-label="Attachments">
          {view.files.map((a) => (
            <li key={a.id} className="flex items-center gap-1.5">
              <Paperclip className="size-3.5 text-slate-400" aria-hidden="true" />
              <a href={attachmentUrl(accountId, a.id)} download={a.fileName} className="text-brand-600 hover:underline">
                {a.fileName}
              </a>
              <span className="text-slate-500">{formatSize(a.byteSize)}</span>
            </li>
          ))}
          {view.notImported.map((a, i) => (
            <li key={`not-imported-${i}`} className="flex items-center gap-1.5 text-slate-500">
              <Paperclip className="size-3.5 text-slate-300" aria-hidden="true" />
              <span>{a.filename}</span>
              <span>{formatSize(a.size)}</span>
              <span className="italic">not imported (over the size limit)</span>
            </li>
          ))}
        </ul>
      ) : null}
      <OriginalEmailLink accountId={accountId} messageId={messageId} />
    </div>
  );
}
