"use client";

import { clsx } from "clsx";
import { useTransition } from "react";
import { setAvailabilityAction } from "@/app/_server/actions/presence";
import { signOutAction } from "@/app/_server/actions/session";
import type { Availability } from "@/components/ui/avatar-status";
import { PresenceAvatar, useApplyPresence, usePresence } from "@/components/realtime/use-presence";
import { useAction } from "@/components/use-action";
import { BellRingIcon, CheckIcon, ChevronsUpDownIcon, LogOutIcon, UserRoundIcon } from "@/components/ui/header-icons";
import { useLinkNavigation } from "@/components/ui/link-navigation";

const CHOICES: { value: Availability; label: string; dot: string }[] = [
  { value: "online", label: "Online", dot: "bg-emerald-500" },
  { value: "busy", label: "Busy", dot: "bg-amber-500" },
  { value: "offline", label: "Offline", dot: "bg-slate-400" },
];

/** Online / Busy / Offline for this account: the dot moves as soon as the server has saved it. */
function AvailabilityChoices({ accountId, userId, availability }: { accountId: number; userId: number; availability: Availability }) {
  const current = usePresence(userId, availability);
  const applyPresence = useApplyPresence();
  const { run, pending, error } = useAction(setAvailabilityAction);
  return (
    <div role="group" aria-label="Availability" className="mb-1 border-b border-slate-100 pb-1">
      <p className="px-2.5 pt-1 pb-0.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Availability</p>
      {CHOICES.map((c) => (
        <button
          key={c.value}
          type="button"
          aria-pressed={current === c.value}
          disabled={pending}
          onClick={() => run({ accountId, availability: c.value }, (saved) => applyPresence(saved.userId, saved.availability, saved.version))}
          className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100"
        >
          <span aria-hidden="true" className={clsx("size-2 rounded-full", c.dot)} />
          <span className="flex-1">{c.label}</span>
          {current === c.value ? <CheckIcon className="size-4 text-brand-600" aria-hidden="true" /> : null}
        </button>
      ))}
      {error ? (
        <p role="alert" className="px-2.5 py-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The signed-in user: availability, profile settings and sign out. A <details> menu needs no JS to open. */
export function UserMenu({
  accountId,
  userId,
  name,
  email,
  availability,
  accounts,
}: {
  accountId: number;
  userId: number;
  name: string;
  email: string;
  /** The user's availability in this account, as rendered; live changes come from the presence store. */
  availability: Availability;
  /** Every account the user belongs to; a switcher appears when there is more than one. */
  accounts: { id: number; name: string }[];
}) {
  const [pending, startTransition] = useTransition();
  const navigate = useLinkNavigation();
  return (
    <details className="group relative" onClick={navigate}>
      <summary className="flex cursor-pointer list-none items-center gap-2.5 rounded-md p-1.5 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <PresenceAvatar userId={userId} name={name} availability={availability} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">{name}</span>
          <span className="block truncate text-xs text-slate-500">{email}</span>
        </span>
        <ChevronsUpDownIcon className="size-4 text-slate-400" aria-hidden="true" />
        <span className="sr-only">User menu</span>
      </summary>
      <div className="absolute top-full left-0 z-20 mt-2 w-full min-w-48 md:top-auto md:bottom-full md:mt-0 md:mb-2 rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
        <AvailabilityChoices accountId={accountId} userId={userId} availability={availability} />
        {accounts.length > 1 ? (
          <div className="mb-1 border-b border-slate-100 pb-1">
            <p className="px-2.5 pt-1 pb-0.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Switch account</p>
            {accounts.map((a) => (
              <a
                key={a.id}
                href={`/app/accounts/${a.id}/conversations`}
                aria-current={a.id === accountId ? "true" : undefined}
                className="flex items-center justify-between rounded-md px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
              >
                <span className="truncate">{a.name}</span>
                {a.id === accountId ? <CheckIcon className="size-4 text-brand-600" aria-hidden="true" /> : null}
              </a>
            ))}
          </div>
        ) : null}
        <a
          href={`/app/accounts/${accountId}/profile/settings`}
          className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
        >
          <UserRoundIcon className="size-4" aria-hidden="true" />
          Profile settings
        </a>
        <a
          href={`/app/accounts/${accountId}/profile/notifications`}
          className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
        >
          <BellRingIcon className="size-4" aria-hidden="true" />
          Notifications
        </a>
        <button
          type="button"
          disabled={pending}
          onClick={() => startTransition(async () => void (await signOutAction({})))}
          className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100"
        >
          <LogOutIcon className="size-4" aria-hidden="true" />
          {pending ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </details>
  );
}
