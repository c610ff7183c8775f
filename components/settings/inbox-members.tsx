"use client";

import { useState, type FormEvent } from "react";
import { addInboxMemberAction, removeInboxMemberAction } from "@/app/_server/actions/settings";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Person = { id: number; name: string; email: string };

/** Who works this inbox: they see its conversations and can be assigned to them. */
export function InboxMembers({
  accountId,
  inboxId,
  members,
  candidates,
  canEdit,
}: {
  accountId: number;
  inboxId: number;
  members: Person[];
  /** Agents of the account who are not members yet. */
  candidates: Person[];
  canEdit: boolean;
}) {
  const add = useAction(addInboxMemberAction);
  const remove = useAction(removeInboxMemberAction);
  const [choice, setChoice] = useState("");
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    add.run({ accountId, inboxId, userId: Number(choice) }, () => setChoice(""));
  };
  const error = add.error ?? remove.error;
  return (
    <div>
      {members.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No members yet: only administrators see this inbox&apos;s conversations.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {members.map((m) => (
            <li key={m.id} className="flex items-center gap-3 px-5 py-2.5">
              <Avatar name={m.name} size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{m.name}</p>
                <p className="truncate text-xs text-slate-500">{m.email}</p>
              </div>
              {canEdit ? (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={remove.pending}
                  aria-label={`Remove ${m.name} from the inbox`}
                  onClick={() => remove.run({ accountId, inboxId, userId: m.id })}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form onSubmit={onAdd} className="flex items-end gap-2 border-t border-slate-200 px-5 py-4">
          <div className="flex-1">
            <label htmlFor="add-member" className="block text-sm font-medium text-slate-700">
              Add a member
            </label>
            <Select id="add-member" value={choice} onChange={(e) => setChoice(e.target.value)} className="mt-1.5" disabled={candidates.length === 0}>
              <option value="">{candidates.length === 0 ? "Every agent is a member" : "Choose an agent…"}</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email})
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" disabled={!choice || add.pending}>
            Add
          </Button>
        </form>
      ) : null}
      {error ? <Alert className="mx-5 mb-4">{error}</Alert> : null}
    </div>
  );
}
