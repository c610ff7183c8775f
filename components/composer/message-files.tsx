import { Paperclip } from "lucide-react";
import type { ReactNode } from "react";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";

const attachmentUrl = (accountId: number, id: number) => `/api/accounts/${accountId}/attachments/${id}`;
// The small JPEG a job makes after upload (the original until then): the thread never loads a photo's megabytes.
const thumbnailUrl = (accountId: number, id: number) => `${attachmentUrl(accountId, id)}/thumbnail`;
const isImage = (contentType: string) => /^image\/(png|jpe?g|gif|webp)$/i.test(contentType.split(";")[0].trim());

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A reply's or note's text with the files sent on it: images as thumbnails, the rest as links. */
export function MessageWithFiles({ accountId, content, files }: { accountId: number; content: ReactNode; files: readonly AttachmentInfo[] }) {
  if (files.length === 0) return <>{content}</>;
  return (
    <>
      {content}
      <ul aria-label="Attachments" className="mt-2 flex flex-col gap-1.5 text-xs whitespace-normal">
        {files.map((a) => (
          <li key={a.id}>
            {isImage(a.contentType) ? (
              <a href={attachmentUrl(accountId, a.id)} target="_blank" rel="noreferrer" className="block">
                <img src={thumbnailUrl(accountId, a.id)} alt={a.fileName} loading="lazy" className="max-h-48 max-w-full rounded border border-slate-200" />
              </a>
            ) : null}
            <span className="flex items-center gap-1.5">
              <Paperclip className="size-3.5 text-slate-400" aria-hidden="true" />
              <a href={attachmentUrl(accountId, a.id)} download={a.fileName} className="text-brand-600 hover:underline">
                {a.fileName}
              </a>
              <span className="text-slate-500">{formatSize(a.byteSize)}</span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
