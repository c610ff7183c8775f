import { clsx } from "clsx";
import Link from "next/link";

/** Locale switcher as links (?locale=), so it works before any script loads. */
export function LocaleTabs({ href, locales, current }: { href: (locale: string) => string; locales: string[]; current: string }) {
  return (
    <nav aria-label="Locale" className="flex flex-wrap gap-2">
      {locales.map((l) => (
        <Link
          key={l}
          href={href(l)}
          aria-current={l === current ? "page" : undefined}
          className={clsx("rounded-full px-3 py-1 text-sm", l === current ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
        >
          {l}
        </Link>
      ))}
    </nav>
  );
}
