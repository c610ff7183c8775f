"use client";

import { clsx } from "clsx";
import { Lock, Send } from "lucide-react";
import { useEffect, useReducer, useState, type FormEvent } from "react";
import { sendMessageAction } from "@/app/_server/actions/conversations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { InsertArticle } from "@/components/help-center/insert-article";
import { slashQueryAt, useCannedPicker, type SlashQuery } from "@/components/composer/canned-picker";
import { AttachButton, PendingFiles, useAttachments } from "@/components/composer/attachments";
import { SignaturePreview } from "@/components/composer/signature-preview";
import { draftHtml, mentionContent, replaceBeforeCaret, RichEditor, textBeforeCaret, textContent, useRichEditor } from "@/components/composer/rich-editor";
import { useTyping } from "@/components/realtime/use-typing";
import type { ReplyRecipients, RecipientLists } from "@/lib/email/compose/reply-recipients";
import { isEmailAddress, RecipientFields, splitAddresses } from "./recipient-fields";
import { useDraft, useDraftRecipients, type DraftRecipients } from "./use-draft";
import { useMentionPicker, type MentionQuery } from "./mention-picker";
import { mentionAt } from "./mention-text";

type Mode = "reply" | "note";

const asFields = (lists: RecipientLists, replyAll: boolean, bcc = ""): DraftRecipients => ({ to: lists.to.join(", "), cc: lists.cc.join(", "), bcc, replyAll });

/** The lists to send, or what is wrong with them in words. */
function readRecipients(fields: DraftRecipients): { to: string[]; cc: string[]; bcc: string[] } | string {
  const lists = { to: splitAddresses(fields.to), cc: splitAddresses(fields.cc), bcc: splitAddresses(fields.bcc) };
  const wrong = [...lists.to, ...lists.cc, ...lists.bcc].filter((a) => !isEmailAddress(a));
  if (wrong.length > 0) return `${wrong.join(", ")} ${wrong.length === 1 ? "is not an email address" : "are not email addresses"}`;
  if (lists.to.length === 0) return "Add at least one recipient in To";
  return lists;
}

/**
 * Reply to the contact or add a private note; Ctrl/⌘+Enter sends. The draft is kept per
 * conversation. In an email conversation (`recipients` set) a reply shows its To / Cc / Bcc,
 * which are sent exactly as shown; a private note has none.
 */
export function Composer({
  accountId,
  inboxId,
  displayId,
  recipients,
  members,
  attachmentMaxBytes = 25 * 1024 * 1024,
  signature,
}: {
  accountId: number;
  inboxId: number;
  displayId: number;
  recipients?: ReplyRecipients | null;
  /** The agents who can see the conversation: they name who is typing, and a note can @mention them. */
  members?: ReadonlyArray<{ id: number; name: string }>;
  /** The largest file an agent may attach (ATTACHMENT_UPLOAD_MAX_BYTES), stated before uploading. */
  attachmentMaxBytes?: number;
  /** The agent's signature when they sign their email replies (sanitized HTML), previewed under a reply. */
  signature?: string | null;
}) {
  const [mode, setMode] = useState<Mode>("reply");
  const [content, setContent] = useDraft(accountId, displayId);
  const [draftRecipients, setDraftRecipients] = useDraftRecipients(accountId, displayId);
  const [recipientError, setRecipientError] = useState<string | null>(null);
  const { run, pending, error } = useAction(sendMessageAction);
  const isNote = mode === "note";
  const { typers, contactTyping, typing, stopped } = useTyping(inboxId, displayId, members);
  const fields = recipients ? (draftRecipients ?? asFields(recipients.contact, false)) : null;
  const files = useAttachments(accountId, attachmentMaxBytes);
  const hasFiles = files.uploadIds.length > 0;
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const canned = useCannedPicker({
    accountId,
    displayId,
    slash,
    onClose: () => setSlash(null),
    // `slash` holds document positions here (the editor's), not string offsets.
    onPick: (at, text) => {
      if (editor) replaceBeforeCaret(editor, { from: at.start, to: at.end }, textContent(text));
      setSlash(null);
    },
  });
  const editor = useRichEditor({
    id: "composer-message",
    label: "Message",
    placeholder: isNote ? "Add a private note — only agents can see it (@ to mention, / for canned responses)" : "Type your reply… (/ for canned responses, Ctrl+Enter to send)",
    onChange: (html) => {
      setContent(html);
      // Emptied (sent, or cleared after sending) is not typing: announcing it would show the agent
      // typing again for seconds after their reply arrived.
      if (html) typing(isNote);
      else stopped();
    },
    onCaret: (e) => {
      const before = textBeforeCaret(e);
      const caret = before.start + before.text.length;
      const q = slashQueryAt(before.text, before.text.length);
      setSlash(q ? { start: before.start + q.start, end: before.start + q.end, query: q.query } : null);
      const at = mentionAt(before.text, before.text.length);
      setMention(at ? { start: before.start + at.start, end: caret, query: at.query } : null);
    },
    onKeyDown: (e) => {
      if (mentions.onKeyDown(e) || canned.onKeyDown(e)) return true;
      if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        send();
        return true;
      }
      return false;
    },
    // Pasted images (screenshots) become attachments; pasted text stays text.
    onPasteFiles: (list) => files.add(list),
    onBlur: () => {
      stopped();
      setSlash(null);
      setMention(null);
    },
  });
  // The saved draft fills an editor still empty once both exist (the draft is read after mounting).
  // Filling it sends no update (it is not typing), so the composer renders again by itself: Send
  // must be enabled for a restored draft.
  const [, restored] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (editor && content && editor.isEmpty) {
      editor.commands.setContent(draftHtml(content), { emitUpdate: false });
      restored();
    }
  }, [editor, content]);
  const isBlank = !content.trim() || (editor ? editor.getText().trim() === "" : false);

  // @mentions, in private notes only: the picker lists the agents who can see the conversation.
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const mentions = useMentionPicker({
    candidates: members ?? [],
    at: isNote ? mention : null,
    onClose: () => setMention(null),
    // A mention:// link in the editor; the server stores Chatwoot's [@Name](mention://user/ID/Name) in the text.
    onPick: (at, agent) => {
      if (editor) replaceBeforeCaret(editor, { from: at.start, to: at.end }, mentionContent(agent));
      setMention(null);
    },
  });

  const send = () => {
    if ((isBlank && !hasFiles) || pending || files.uploading) return;
    const lists = fields && !isNote ? readRecipients(fields) : undefined;
    if (typeof lists === "string") return setRecipientError(lists);
    setRecipientError(null);
    stopped();
    run({ accountId, displayId, content: isBlank ? "" : draftHtml(content), contentFormat: "html", private: isNote, ...(lists ? { recipients: lists } : {}), ...(hasFiles ? { uploadIds: files.uploadIds } : {}) }, () => {
      setContent("");
      editor?.commands.clearContent();
      files.clear();
      // A note leaves the recipients the agent set up for the reply alone.
      if (!isNote) setDraftRecipients(null);
    });
  };
  const setFields = (next: DraftRecipients) => {
    setRecipientError(null);
    setDraftRecipients(next);
  };
  const replyAll = (on: boolean) => {
    if (!recipients || !fields) return;
    setFields(asFields(on ? recipients.replyAll : recipients.contact, on, fields.bcc));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  const tab = (value: Mode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === value}
      aria-controls="composer-panel"
      onClick={() => setMode(value)}
      className={clsx(
        "rounded-md px-2.5 py-1 text-xs font-medium transition-colors",
        mode === value ? (value === "note" ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-700") : "text-slate-500 hover:text-slate-800",
      )}
    >
      {label}
    </button>
  );

  return (
    <form
      onSubmit={onSubmit}
      // Files dropped anywhere on the composer are attached.
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        files.add(e.dataTransfer.files);
      }}
      className="border-t border-slate-200 bg-white p-2 sm:p-3"
    >
      {/* On a phone the line takes room only while someone types, so the thread keeps its space. */}
      <p role="status" className="text-xs text-slate-500 empty:hidden sm:min-h-4 sm:pb-1 sm:empty:block">
        {[...(contactTyping ? ["The contact is typing…"] : []), ...typers.map((t) => `${t.name} is typing${t.private ? " a private note" : ""}…`)].join(" ")}
      </p>
      <div
        className={clsx(
          "rounded-lg border shadow-xs focus-within:ring-2",
          isNote ? "border-amber-300 bg-amber-50/60 focus-within:ring-amber-100" : "border-slate-300 bg-white focus-within:ring-brand-100",
        )}
      >
        <div role="tablist" aria-label="Message type" className="flex gap-1 border-b border-slate-200/70 px-2 py-1.5">
          {tab("reply", "Reply")}
          {tab("note", "Private note")}
        </div>
        <div id="composer-panel" role="tabpanel" aria-label={isNote ? "Private note" : "Reply"}>
          {fields && !isNote ? <RecipientFields value={fields} onChange={setFields} onReplyAll={replyAll} /> : null}
          {mentions.picker ?? canned.picker}
          <RichEditor editor={editor} id="composer-message" />
          <PendingFiles files={files.files} onRemove={files.remove} />
          {recipients && !isNote ? <SignaturePreview signatures={[signature, recipients.inboxSignature]} /> : null}
        </div>
        <div className="flex items-center justify-between gap-2 px-2 pb-2">
          <div className="flex items-center gap-2 text-xs text-slate-500">
            <AttachButton onFiles={files.add} maxBytes={attachmentMaxBytes} />
            <InsertArticle accountId={accountId} onInsert={(text) => editor?.chain().focus("end").insertContent(textContent(text)).run()} />
            {isNote ? (
              <>
                <Lock className="size-3" aria-hidden="true" /> Private: the contact will not see this
              </>
            ) : null}
          </div>
          <Button type="submit" size="sm" disabled={pending || files.uploading || (isBlank && !hasFiles)} className={isNote ? "bg-amber-600 hover:bg-amber-700" : undefined}>
            <Send className="size-3.5" aria-hidden="true" />
            {pending ? "Sending…" : files.uploading ? "Uploading…" : "Send"}
          </Button>
        </div>
      </div>
      {recipientError || error ? <Alert className="mt-2">{recipientError ?? error}</Alert> : null}
    </form>
  );
}
