"use client";

import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsNav({ accountId }: { accountId: number }) {
  const pathname = usePathname();
  const base = `/app/accounts/${accountId}/settings`;
  const items = [
    { href: `${base}/account`, label: "Account" },
    { href: `${base}/agents`, label: "Agents" },
    { href: `${base}/inboxes`, label: "Inboxes" },
    // Mail captured for inboxes without SMTP (the embedded default has none).
    { href: `${base}/outbox`, label: "Outbox" },
    // Integrations: webhooks and dashboard apps.
    { href: `${base}/integrations/webhooks`, label: "Integrations" },
    { href: `${base}/integrations/dashboard-apps`, label: "Dashboard apps" },
    { href: `${base}/bots`, label: "Bots" },
  ];
  return (
    <nav aria-label="Settings" className="flex gap-5 px-6">
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
