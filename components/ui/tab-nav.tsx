"use client";

import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type TabNavItem = { href: string; label: string };

/** A row of underlined tabs linking to sibling pages; the tab whose path the URL starts with is current. */
export function TabNav({ label, items }: { label: string; items: TabNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex gap-5 px-6">
      {items.map((item) => {
        const active = pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={clsx(
              "-mb-px border-b-2 pb-2.5 text-sm font-medium",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
