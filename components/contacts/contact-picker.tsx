"use client";

import { useEffect, useState, useTransition } from "react";
import { pickContactsAction } from "@/app/_server/actions/contacts";
import { Input } from "@/components/ui/field";

export type PickedContact = { id: number; name: string | null; email: string | null; phoneNumber: string | null };

export const contactLabel = (c: Pick<PickedContact, "id" | "name" | "email">) => c.name || c.email || `Contact #${c.id}`;

/** A search box listing the account's contacts that match (name, email, phone, identifier); choosing one calls onPick. */
export function ContactPicker({ accountId, excludeId, label, onPick }: { accountId: number; excludeId?: number; label: string; onPick: (c: PickedContact) => void }) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickedContact[]>([]);
  const [, start] = useTransition();
  useEffect(() => {
    if (!q.trim()) return;
    const timer = setTimeout(() => {
      start(async () => {
        const r = await pickContactsAction({ accountId, q, excludeId });
        setResults(r.ok ? r.data : []);
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [q, accountId, excludeId]);
  const shown = q.trim() ? results : [];
  return (
    <div>
      <Input type="search" aria-label={label} placeholder="Search by name, email or phone" value={q} onChange={(e) => setQ(e.target.value)} className="h-9 text-sm" />
      {shown.length > 0 ? (
        <ul role="listbox" aria-label={`${label}: results`} className="mt-1 max-h-56 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-xs">
          {shown.map((c) => (
            <li key={c.id} role="option" aria-selected={false}>
              <button type="button" onClick={() => onPick(c)} className="block w-full px-3 py-1.5 text-left hover:bg-slate-50">
                <span className="block truncate font-medium text-slate-800">{contactLabel(c)}</span>
                <span className="block truncate text-xs text-slate-500">{[c.email, c.phoneNumber].filter(Boolean).join(" · ") || `#${c.id}`}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
