"use client";

import { clsx } from "clsx";
import { Lock, Send } from "lucide-react";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { sendMessageAction } from "@/app/_server/actions/conversations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { useTyping } from "@/components/realtime/use-typing";
import { useDraft } from "./use-draft";

type Mode = "reply" | "note";

/** Reply to the contact or add a private note; Ctrl/⌘+Enter sends. The draft is kept per conversation. */
export function Composer({ accountId, inboxId, displayId }: { accountId: number; inboxId: number; displayId: number }) {
  const [mode, setMode] = useState<Mode>("reply");
  const [content, setContent] = useDraft(accountId, displayId);
  const { run, pending, error } = useAction(sendMessageAction);
  const isNote = mode === "note";
  const { typers, typing, stopped } = useTyping(inboxId, displayId);

  const send = () => {
    if (!content.trim() || pending) return;
    stopped();
    run({ accountId, displayId, content, private: isNote }, () => setContent(""));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      send();
    }
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
    <form onSubmit={onSubmit} className="border-t border-slate-200 bg-white p-3">
      <p role="status" className="min-h-4 pb-1 text-xs text-slate-500">
        {typers.map((t) => `${t.name} is typing${t.private ? " a private note" : ""}…`).join(" ")}
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
          <label htmlFor="composer-message" className="sr-only">
            Message
          </label>
          <textarea
            id="composer-message"
            name="content"
            rows={3}
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              typing(isNote);
            }}
            onBlur={stopped}
            onKeyDown={onKeyDown}
            placeholder={isNote ? "Add a private note — only agents can see it" : "Type your reply… (Ctrl+Enter to send)"}
            className="block w-full resize-y bg-transparent px-3 py-2 text-sm placeholder:text-slate-400 focus:outline-none"
          />
        </div>
        <div className="flex items-center justify-between gap-2 px-2 pb-2">
          <p className="flex items-center gap-1 text-xs text-slate-500">
            {isNote ? (
              <>
                <Lock className="size-3" aria-hidden="true" /> Private: the contact will not see this
              </>
            ) : null}
          </p>
          <Button type="submit" size="sm" disabled={pending || !content.trim()} className={isNote ? "bg-amber-600 hover:bg-amber-700" : undefined}>
            <Send className="size-3.5" aria-hidden="true" />
            {pending ? "Sending…" : "Send"}
          </Button>
        </div>
      </div>
      {error ? <Alert className="mt-2">{error}</Alert> : null}
    </form>
  );
}
