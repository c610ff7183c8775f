"use client";

import { Paperclip } from "lucide-react";
import { useState } from "react";

export type MacroFileName = { id: number; name: string };

/**
 * send_attachment's parameter: a file uploaded as soon as it is chosen (to
 * /api/uploads/{account}/macro-files, or rule-files for a rule, as the composer uploads), named by
 * its id in the action's `action_params`. Saving the macro or the rule keeps the file with it.
 */
export function MacroFileParam({
  accountId,
  label,
  value,
  known,
  onChange,
  owner = "macro",
}: {
  accountId: number;
  label: string;
  value: unknown;
  /** The names of the macro's (or rule's) files already kept (by id). */
  known: MacroFileName[];
  onChange: (params: unknown[]) => void;
  owner?: "macro" | "rule";
}) {
  const [uploaded, setUploaded] = useState<MacroFileName | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const id = typeof value === "number" ? value : Number(value);
  const name = uploaded?.id === id ? uploaded.name : known.find((f) => f.id === id)?.name;
  const upload = async (file: File) => {
    setState({ busy: true, error: null });
    try {
      const response = await fetch(`/api/uploads/${accountId}/${owner}-files`, {
        method: "POST",
        headers: { "X-File-Name": encodeURIComponent(file.name), "Content-Type": file.type || "application/octet-stream" },
        body: file,
      });
      const body = (await response.json().catch(() => ({}))) as { id?: number; fileName?: string; error?: string };
      if (!response.ok || typeof body.id !== "number") throw new Error(body.error ?? `Upload failed (${response.status})`);
      setUploaded({ id: body.id, name: body.fileName ?? file.name });
      onChange([body.id]);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : "Upload failed" });
    }
  };
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm">
      {name ? (
        <span className="inline-flex items-center gap-1 text-slate-700" data-testid="macro-file">
          <Paperclip className="size-3.5" aria-hidden="true" />
          {name}
        </span>
      ) : null}
      <label className="cursor-pointer rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
        {name ? "Replace file" : "Choose a file"}
        <input
          type="file"
          aria-label={label}
          className="sr-only"
          disabled={state.busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void upload(file);
          }}
        />
      </label>
      {state.busy ? <span className="text-xs text-slate-500">Uploading…</span> : null}
      {state.error ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
