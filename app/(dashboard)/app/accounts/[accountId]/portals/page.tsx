import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { loadAccountContext } from "@/app/_server/account-context";
import { PortalForm } from "@/components/help-center/portal-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listPortals } from "@/lib/help-center/portals";
import { portalBaseUrl } from "@/lib/help-center/public-urls";

export const metadata: Metadata = { title: "Help center" };

export default async function PortalsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const portals = await listPortals(getDb(), ctx.actor, ctx.accountId);
  const base = `/app/accounts/${ctx.accountId}/portals`;
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <PageHeader title="Help center" description="Portals of articles your customers read before they write in. Administrators edit; agents read." />
      <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
        <Card>
          <CardHeader title="Portals" />
          {portals.length === 0 ? (
            <EmptyState title="No portal yet">Create one below, then add categories and articles.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {portals.map(({ portal, counts }) => (
                <li key={portal.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                  <div className="min-w-0">
                    <p className="flex items-center gap-2 font-medium text-slate-900">
                      <Link href={`${base}/${portal.slug}/articles`} className="hover:underline">
                        {portal.name}
                      </Link>
                      {portal.archived ? <Badge tone="amber">Archived</Badge> : null}
                    </p>
                    <p className="truncate text-sm text-slate-500">
                      <a href={portalBaseUrl(portal)} target="_blank" rel="noreferrer" className="hover:underline">
                        {portalBaseUrl(portal)}
                      </a>{" "}
                      · {portal.allowedLocales.join(", ")}
                    </p>
                  </div>
                  <p className="text-sm text-slate-600">
                    {counts.published} published · {counts.draft} drafts · {counts.categories} categories
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {ctx.can("knowledge_base_manage") ? (
          <Card>
            <CardHeader title="New portal" description="The slug and custom domain are addresses: each can belong to one portal only." />
            <PortalForm accountId={ctx.accountId} canEdit />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
