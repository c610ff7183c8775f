"use client";

import { Paperclip, X } from "lucide-react";
import { useCallback, useRef, useState } from "react";

/** One file attached in the composer: uploading (with progress), ready (staged), or refused. */
export type PendingFile = { key: string; name: string; size: number; progress: number; uploadId: string | null; error: string | null; previewUrl: string | null };

export const MAX_FILES = 10;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A pasted image has no useful name ("image.png" at best): give it one a person can tell apart. */
function nameOf(file: File, index: number): string {
  if (file.name && file.name !== "image.png") return file.name;
  const ext = file.type.split("/")[1]?.replace(/[^a-z0-9]/gi, "") || "png";
  return `pasted-image-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}${index ? `-${index}` : ""}.${ext}`;
}

/**
 * The files of the message being written. Each uploads on its own as soon as it is attached
 * (XMLHttpRequest, for its progress) to /api/uploads/{account}; a file over the limit is refused
 * before any byte is sent. Sending the message passes the staged ids.
 */
export function useAttachments(accountId: number, maxBytes: number) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const patch = useCallback((key: string, change: Partial<PendingFile>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f))), []);

  const upload = useCallback(
    (key: string, file: File) => {
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      xhr.open("POST", `/api/uploads/${accountId}`);
      xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
      xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) patch(key, { progress: e.loaded / e.total });
      };
      xhr.onload = () => {
        requests.current.delete(key);
        let body: { id?: string; error?: string } = {};
        try {
          body = JSON.parse(xhr.responseText) as typeof body;
        } catch {
          // not JSON: the status says enough
        }
        if (xhr.status === 200 && body.id) patch(key, { progress: 1, uploadId: body.id });
        else patch(key, { error: body.error ?? `Upload failed (${xhr.status})` });
      };
      xhr.onerror = () => {
        requests.current.delete(key);
        patch(key, { error: "Upload failed: check your connection" });
      };
      xhr.send(file);
    },
    [accountId, patch],
  );

  const add = useCallback(
    (list: FileList | File[]) => {
      const incoming = Array.from(list);
      const room = Math.max(0, MAX_FILES - files.length);
      const added = incoming.slice(0, room).map((original, i) => {
        const name = nameOf(original, i);
        const tooBig = original.size > maxBytes;
        const pending: PendingFile = {
          key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
          name,
          size: original.size,
          progress: 0,
          uploadId: null,
          error: tooBig ? `Larger than the ${formatSize(maxBytes)} limit` : null,
          previewUrl: original.type.startsWith("image/") && !tooBig ? URL.createObjectURL(original) : null,
        };
        return { pending, file: new File([original], name, { type: original.type }) };
      });
      const refused: PendingFile[] = incoming.slice(room).map((file) => ({ key: `over-${Math.random()}`, name: file.name, size: file.size, progress: 0, uploadId: null, error: `At most ${MAX_FILES} files`, previewUrl: null }));
      setFiles((current) => [...current, ...added.map((a) => a.pending), ...refused]);
      for (const a of added) if (!a.pending.error) upload(a.pending.key, a.file);
    },
    [files.length, maxBytes, upload],
  );

  const remove = useCallback((key: string) => {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    setFiles((all) => {
      const gone = all.find((f) => f.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return all.filter((f) => f.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setFiles((all) => {
      for (const f of all) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
      return [];
    });
  }, []);

  const uploading = files.some((f) => !f.error && !f.uploadId);
  const uploadIds = files.flatMap((f) => (f.uploadId ? [f.uploadId] : []));
  return { files, add, remove, clear, uploading, uploadIds };
}

/** The attach button and the stated limit. */
export function AttachButton({ onFiles, maxBytes }: { onFiles: (files: FileList) => void; maxBytes: number }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title={`Attach files (up to ${formatSize(maxBytes)} each; or drop or paste them)`}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <Paperclip className="size-3.5" aria-hidden="true" /> Attach
        <span className="text-slate-400 max-sm:hidden">(up to {formatSize(maxBytes)})</span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Attach files"
        onChange={(e) => {
          if (e.target.files?.length) onFiles(e.target.files);
          e.target.value = "";
        }}
      />
    </>
  );
}

/** The attached files: name, size, each one's upload progress, and a way to take it off. */
export function PendingFiles({ files, onRemove }: { files: PendingFile[]; onRemove: (key: string) => void }) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Attached files" className="flex flex-wrap gap-2 px-3 pb-2">
      {files.map((f) => (
        <li key={f.key} className="flex max-w-64 items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs" aria-label={f.name}>
          {f.previewUrl ? (
            <img src={f.previewUrl} alt="" className="size-8 rounded object-cover" />
          ) : (
            <Paperclip className="size-3.5 shrink-0 text-slate-400" aria-hidden="true" />
          )}
          <div className="min-w-0 flex-1">
            <p className="truncate text-slate-800">{f.name}</p>
            {f.error ? (
              <p role="alert" className="text-red-700">
                {f.error}
              </p>
            ) : f.uploadId ? (
              <p className="text-slate-500">{formatSize(f.size)} · ready</p>
            ) : (
              <progress className="h-1.5 w-full" max={1} value={f.progress} aria-label={`Uploading ${f.name}`}>
                {Math.round(f.progress * 100)}%
              </progress>
            )}
          </div>
          <button type="button" onClick={() => onRemove(f.key)} aria-label={`Remove ${f.name}`} className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
            <X className="size-3.5" aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}
