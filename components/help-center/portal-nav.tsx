"use client";

import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function PortalNav({ base }: { base: string }) {
  const pathname = usePathname();
  const items = [
    { href: `${base}/articles`, label: "Articles" },
    { href: `${base}/categories`, label: "Categories" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  return (
    <nav aria-label="Portal" className="flex gap-5 px-6">
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
