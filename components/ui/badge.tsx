import { clsx } from "clsx";
import type { ReactNode } from "react";

type Tone = "slate" | "green" | "amber" | "blue" | "violet" | "red";

const tones: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-700",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/20",
  violet: "bg-violet-50 text-violet-700 ring-violet-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
};

export function Badge({ tone = "slate", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={clsx("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-transparent ring-inset", tones[tone], className)}>
      {children}
    </span>
  );
}

const statusTones: Record<string, Tone> = { open: "green", pending: "amber", resolved: "slate", snoozed: "violet" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTones[status] ?? "slate"}>{status.charAt(0).toUpperCase() + status.slice(1)}</Badge>;
}
