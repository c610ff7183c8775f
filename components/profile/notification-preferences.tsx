"use client";

import { useState, type FormEvent } from "react";
import { updateNotificationSettingsAction } from "@/app/_server/actions/profile";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

/** The kinds, in Chatwoot's names, with what each means to an agent. */
const KINDS = [
  { kind: "conversation_creation", label: "A new conversation is created", hint: "In the inboxes you are a member of." },
  { kind: "conversation_assignment", label: "A conversation is assigned to you", hint: "Not when you take it yourself." },
  { kind: "conversation_mention", label: "You are mentioned in a private note", hint: "Someone types @ and your name." },
  { kind: "assigned_conversation_new_message", label: "A new message in a conversation assigned to you", hint: "From the customer or a colleague." },
  { kind: "participating_conversation_new_message", label: "A new message in a conversation you follow", hint: "Conversations you participate in or were mentioned in." },
] as const;

/**
 * Profile → Notifications: for each kind, told in the app (the bell, live), by email (a digest,
 * at most one every 15 minutes), both, or not at all.
 */
export function NotificationPreferences({ accountId, emailFlags, pushFlags }: { accountId: number; emailFlags: readonly string[]; pushFlags: readonly string[] }) {
  const { run, pending, error } = useAction(updateNotificationSettingsAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setSaved(false);
    run({ accountId, pushFlags: data.getAll("push").map(String), emailFlags: data.getAll("email").map(String) }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="p-5" onChange={() => setSaved(false)}>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <th scope="col" className="pb-2 font-medium">
              Tell me when
            </th>
            <th scope="col" className="w-24 pb-2 text-center font-medium">
              In the app
            </th>
            <th scope="col" className="w-24 pb-2 text-center font-medium">
              By email
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {KINDS.map(({ kind, label, hint }) => (
            <tr key={kind}>
              <th scope="row" className="py-2.5 pr-3 text-left font-normal">
                <span className="block font-medium text-slate-800">{label}</span>
                <span className="block text-xs text-slate-500">{hint}</span>
              </th>
              <td className="text-center">
                <input type="checkbox" name="push" value={`push_${kind}`} defaultChecked={pushFlags.includes(`push_${kind}`)} aria-label={`${label}: in the app`} className="size-4" />
              </td>
              <td className="text-center">
                <input type="checkbox" name="email" value={`email_${kind}`} defaultChecked={emailFlags.includes(`email_${kind}`)} aria-label={`${label}: by email`} className="size-4" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-500">Email comes as one digest, at most one every 15 minutes, however many notifications wait.</p>
      {error ? <Alert className="mt-3">{error}</Alert> : null}
      {saved ? <Alert tone="success" className="mt-3">Notification preferences saved.</Alert> : null}
      <Button type="submit" disabled={pending} className="mt-4">
        {pending ? "Saving…" : "Save preferences"}
      </Button>
    </form>
  );
}
