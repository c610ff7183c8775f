import Link from "next/link";
import type { ReactNode } from "react";
import { PortalNav } from "@/components/help-center/portal-nav";
import { Badge } from "@/components/ui/badge";
import { portalBaseUrl } from "@/lib/help-center/public-urls";
import { loadPortalScreen } from "./load-portal";

export default async function PortalLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string; portalSlug: string }> }) {
  const { accountId, portalSlug } = await params;
  const { ctx, portal, base } = await loadPortalScreen(accountId, portalSlug);
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <header className="border-b border-slate-200 bg-white pt-4">
        <div className="flex flex-wrap items-baseline gap-3 px-6 pb-3">
          <Link href={`/app/accounts/${ctx.accountId}/portals`} className="text-sm text-slate-500 hover:underline">
            Help center
          </Link>
          <span className="text-slate-300">/</span>
          <p className="text-lg font-semibold text-slate-900">{portal.name}</p>
          {portal.archived ? <Badge tone="amber">Archived</Badge> : null}
          <a href={portalBaseUrl(portal)} target="_blank" rel="noreferrer" className="ml-auto text-sm text-brand-700 hover:underline">
            View public site
          </a>
        </div>
        <PortalNav base={base} />
      </header>
      <div className="mx-auto w-full max-w-5xl space-y-6 p-6">{children}</div>
    </div>
  );
}
