"use client";

import { useEffect, useState, type FormEvent } from "react";
import { updateInboxSignatureAction } from "@/app/_server/actions/email-inboxes";
import { updateSignatureAction } from "@/app/_server/actions/profile";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { RichEditor, useRichEditor } from "./rich-editor";

/**
 * A signature in the same rich-text editor as replies. It starts from the stored (sanitized) HTML;
 * what it hands back is the editor's HTML, which the server sanitizes again.
 */
function useSignatureEditor(id: string, label: string, initial: string | null) {
  const [html, setHtml] = useState(initial ?? "");
  const editor = useRichEditor({ id, label, placeholder: "Your name, role, a link…", onChange: (value) => setHtml(value) });
  useEffect(() => {
    // Filled once the editor exists (it renders in the browser only); not a change by the user.
    if (editor && initial && editor.isEmpty) editor.commands.setContent(initial, { emitUpdate: false });
  }, [editor, initial]);
  return { editor, html };
}

const editorFrame = "rounded-lg border border-slate-300 bg-white shadow-xs focus-within:ring-2 focus-within:ring-brand-100";

/** Profile → Settings: the agent's own signature, and whether it goes on their email replies. */
export function ProfileSignatureForm({ signature, onReplies }: { signature: string | null; onReplies: boolean }) {
  const { editor, html } = useSignatureEditor("profile-signature", "Message signature", signature);
  const [append, setAppend] = useState(onReplies);
  const [saved, setSaved] = useState(false);
  const { run, pending, error } = useAction(updateSignatureAction);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    run({ messageSignature: editor && editor.getText().trim() === "" ? null : html, signatureOnReplies: append }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <div className="space-y-1.5">
        <label htmlFor="profile-signature" className="block text-sm font-medium text-slate-700">
          Message signature
        </label>
        <div className={editorFrame}>
          <RichEditor editor={editor} id="profile-signature" />
        </div>
        <p className="text-xs text-slate-500">Added after a “-- ” line to your email replies, before the inbox’s signature. Never to private notes.</p>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" role="switch" checked={append} onChange={(e) => setAppend(e.target.checked)} />
        Append my signature to email replies
      </label>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Signature saved.</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save signature"}
      </Button>
    </form>
  );
}

/** Inbox settings: the signature every email reply from this inbox ends with (administrators edit it). */
export function InboxSignatureForm({ accountId, inboxId, signature, canEdit }: { accountId: number; inboxId: number; signature: string | null; canEdit: boolean }) {
  const { editor, html } = useSignatureEditor("inbox-signature", "Inbox signature", signature);
  const [saved, setSaved] = useState(false);
  const { run, pending, error } = useAction(updateInboxSignatureAction);
  useEffect(() => {
    editor?.setEditable(canEdit);
  }, [editor, canEdit]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    run({ accountId, inboxId, emailSignature: editor && editor.getText().trim() === "" ? null : html }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <div className="space-y-1.5">
        <label htmlFor="inbox-signature" className="block text-sm font-medium text-slate-700">
          Inbox signature
        </label>
        <div className={editorFrame}>
          <RichEditor editor={editor} id="inbox-signature" />
        </div>
        <p className="text-xs text-slate-500">Added to every email reply from this inbox, after the agent’s own signature.</p>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Signature saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save signature"}
        </Button>
      ) : null}
    </form>
  );
}
