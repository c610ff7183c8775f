import { clsx } from "clsx";
import Link from "next/link";

/**
 * The agent's saved contact views (custom_filters of type contact) beside the contacts list:
 * "All contacts", then each view by name; the open one is marked current.
 */
export function ContactViews({ accountId, views, currentId }: { accountId: number; views: { id: number; name: string }[]; currentId: number | null }) {
  const base = `/app/accounts/${accountId}/contacts`;
  const item = (href: string, label: string, current: boolean) => (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={clsx("block truncate rounded-md px-2 py-1.5 text-sm", current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Contact views" className="w-full shrink-0 space-y-1 md:w-52">
      {item(base, "All contacts", currentId === null)}
      <h2 className="px-2 pt-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Saved views</h2>
      {views.length === 0 ? <p className="px-2 text-xs text-slate-500">Filter the list, then “Save as view”.</p> : null}
      <ul className="space-y-0.5">
        {views.map((v) => (
          <li key={v.id}>{item(`${base}?view=${v.id}`, v.name, v.id === currentId)}</li>
        ))}
      </ul>
    </nav>
  );
}
