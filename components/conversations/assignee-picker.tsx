"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { assignAction } from "@/app/_server/actions/conversations";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { useLive } from "@/components/realtime/live-refresh";
import { useShortcut } from "@/components/search/shortcut-events";

/**
 * Assign to a member of the conversation's inbox (or an administrator), or unassign. An inbox
 * without members says where to add them. The choice shows at once; the
 * parent remounts this (key) when the server's answer arrives.
 */
export function AssigneePicker({
  accountId,
  displayId,
  assigneeId,
  members,
  inboxSettingsHref,
}: {
  accountId: number;
  displayId: number;
  assigneeId: number | null;
  members: { id: number; name: string; inboxMember?: boolean }[];
  /** The inbox's settings page, where members are added. */
  inboxSettingsHref?: string;
}) {
  const { run, pending, error } = useAction(assignAction);
  const saved = assigneeId === null ? "" : String(assigneeId);
  const [value, setValue] = useState(saved);
  // A refused change (e.g. the agent just left the inbox) goes back to what is saved.
  useEffect(() => {
    if (error) setValue(saved);
  }, [error, saved]);
  // The current assignee may have left the inbox; keep them visible rather than show a wrong name.
  // "a" and the command bar's "Assign to me" (components/search/keyboard-shortcuts.tsx).
  const me = useLive()?.me.id;
  useShortcut("assign-me", () => {
    if (me === undefined || !members.some((m) => m.id === me) || value === String(me)) return;
    setValue(String(me));
    run({ accountId, displayId, assigneeId: me });
  });
  const options = assigneeId !== null && !members.some((m) => m.id === assigneeId) ? [...members, { id: assigneeId, name: "Former member" }] : members;
  return (
    <div>
      <label htmlFor="assignee" className="block text-xs font-medium text-slate-500">
        Assignee
      </label>
      <Select
        id="assignee"
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          setValue(next);
          run({ accountId, displayId, assigneeId: next ? Number(next) : null });
        }}
        className="mt-1 h-8 text-sm"
      >
        <option value="">Unassigned</option>
        {options.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </Select>
      {inboxSettingsHref && !members.some((m) => m.inboxMember !== false) ? (
        <p className="mt-1 text-xs text-slate-500">
          This inbox has no members yet: add agents under{" "}
          <Link href={inboxSettingsHref} className="underline">
            Settings → Inboxes → Members
          </Link>{" "}
          so they can be assigned.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
