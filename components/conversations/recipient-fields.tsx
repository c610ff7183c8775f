"use client";

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

/**
 * To / Cc / Bcc of an email reply, editable, and the "Reply all" switch that fills To and Cc
 * from the message being answered (or back to the contact). What is in these fields is what is
 * sent: nobody is added behind the agent's back.
 */
export function RecipientFields({ value, onChange, onReplyAll }: { value: DraftRecipients; onChange: (v: DraftRecipients) => void; onReplyAll: (on: boolean) => void }) {
  return (
    <fieldset aria-label="Recipients" className="text-sm">
      <div className="flex items-center justify-end px-3 pt-1">
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          <input type="checkbox" checked={value.replyAll} onChange={(e) => onReplyAll(e.target.checked)} className="size-3.5 accent-brand-600" />
          Reply all
        </label>
      </div>
      {field("composer-to", "To", value.to, (to) => onChange({ ...value, to }))}
      {field("composer-cc", "Cc", value.cc, (cc) => onChange({ ...value, cc }))}
      {field("composer-bcc", "Bcc", value.bcc, (bcc) => onChange({ ...value, bcc }), "Hidden from the other recipients")}
    </fieldset>
  );
}
