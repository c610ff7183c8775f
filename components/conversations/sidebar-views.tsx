"use client";

import { usePathname } from "next/navigation";
import { clsx } from "clsx";
import { ListFilterIcon } from "@/components/ui/line-icons";

/**
 * The agent's saved views (Chatwoot's custom_filters of type conversation) in the sidebar, each
 * opening /custom_view/{id}: the list filtered by the view's conditions.
 */
export function SidebarViews({ accountId, views }: { accountId: number; views: { id: number; name: string }[] }) {
  const pathname = usePathname();
  if (views.length === 0) return null;
  return (
    <div className="hidden md:block">
      <p className="mt-3 mb-1 px-2.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Views</p>
      <ul className="space-y-0.5" aria-label="Saved views">
        {views.map((v) => {
          const href = `/app/accounts/${accountId}/custom_view/${v.id}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={v.id}>
              <a
                // A view lists every match, whoever it is assigned to (its conditions can say assignee).
                href={`${href}?assignee_type=all`}
                aria-current={active ? "page" : undefined}
                className={clsx("flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm", active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")}
              >
                <ListFilterIcon className="size-4 shrink-0" />
                <span className="truncate">{v.name}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
