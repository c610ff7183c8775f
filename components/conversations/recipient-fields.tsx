"use client";

import { ChevronDown, ChevronUp } from "lucide-react";
import { useState } from "react";
import type { DraftRecipients } from "./use-draft";

/** Addresses typed in one field: separated by commas, semicolons or spaces. */
export const splitAddresses = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);
export const isEmailAddress = (a: string): boolean => /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(a);

const field = (id: string, label: string, value: string, onChange: (v: string) => void, placeholder?: string) => (
  <div className="flex items-center gap-2 border-b border-slate-200/70 px-3 py-1">
    <label htmlFor={id} className="w-8 shrink-0 text-xs font-medium text-slate-500">
      {label}
    </label>
    <input
      id={id}
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      className="min-w-0 flex-1 bg-transparent py-0.5 text-sm placeholder:text-slate-400 focus:outline-none"
    />
  </div>
);

/** The one-line summary of the collapsed fields: who the reply goes to. */
function summary(value: DraftRecipients): string {
  const parts = [`To: ${splitAddresses(value.to).join(", ") || "nobody yet"}`];
  if (splitAddresses(value.cc).length) parts.push(`Cc: ${splitAddresses(value.cc).join(", ")}`);
  if (splitAddresses(value.bcc).length) parts.push(`Bcc: ${splitAddresses(value.bcc).join(", ")}`);
  return parts.join(" · ");
}

/**
 * To / Cc / Bcc of an email reply, editable, and the "Reply all" switch that fills To and Cc
 * from the message being answered (or back to the contact). What is in these fields is what is
 * sent: nobody is added behind the agent's back. They fold to one line naming the recipients
 * until opened, so the thread keeps its room (on a phone especially); folded, the inputs stay in
 * the page (hidden), so the draft's values are still what is sent.
 */
export function RecipientFields({ value, onChange, onReplyAll }: { value: DraftRecipients; onChange: (v: DraftRecipients) => void; onReplyAll: (on: boolean) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <fieldset aria-label="Recipients" className="text-sm">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="composer-recipients"
        aria-label={open ? "Hide recipients" : `Edit recipients (${summary(value)})`}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center gap-2 border-b border-slate-200/70 px-3 py-1 text-left text-xs text-slate-600 hover:bg-slate-50"
      >
        <span className="min-w-0 flex-1 truncate">{summary(value)}</span>
        {open ? <ChevronUp className="size-3.5 shrink-0" aria-hidden="true" /> : <ChevronDown className="size-3.5 shrink-0" aria-hidden="true" />}
      </button>
      <div id="composer-recipients" hidden={!open}>
        <div className="flex items-center justify-end px-3 pt-1">
          <label className="flex items-center gap-1.5 text-xs text-slate-600">
            <input type="checkbox" checked={value.replyAll} onChange={(e) => onReplyAll(e.target.checked)} className="size-3.5 accent-brand-600" />
            Reply all
          </label>
        </div>
        {field("composer-to", "To", value.to, (to) => onChange({ ...value, to }))}
        {field("composer-cc", "Cc", value.cc, (cc) => onChange({ ...value, cc }))}
        {field("composer-bcc", "Bcc", value.bcc, (bcc) => onChange({ ...value, bcc }), "Hidden from the other recipients")}
      </div>
    </fieldset>
  );
}
