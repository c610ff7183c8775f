import { clsx } from "clsx";
import type { ReactNode } from "react";

/** Inline feedback. Errors use role="alert" so screen readers (and tests) hear them at once. */
export function Alert({ tone = "error", children, className }: { tone?: "error" | "success" | "info"; children: ReactNode; className?: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx(
        "rounded-md px-3 py-2 text-sm",
        tone === "error" && "bg-red-50 text-red-800 ring-1 ring-red-200",
        tone === "success" && "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200",
        tone === "info" && "bg-slate-50 text-slate-700 ring-1 ring-slate-200",
        className,
      )}
    >
      {children}
    </div>
  );
}
