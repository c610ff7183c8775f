import type { Metadata } from "next";
import { DeletePortal, PortalLogo } from "@/components/help-center/portal-danger";
import { PortalForm } from "@/components/help-center/portal-form";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { Card, CardHeader } from "@/components/ui/card";
import { loadPortalScreen } from "../load-portal";

export const metadata: Metadata = { title: "Portal settings" };

export default async function PortalSettingsPage({ params }: { params: Promise<{ accountId: string; portalSlug: string }> }) {
  const { accountId, portalSlug } = await params;
  const { ctx, portal, logo } = await loadPortalScreen(accountId, portalSlug);
  return (
    <>
      <h1 className="sr-only">Portal settings</h1>
      {ctx.can("knowledge_base_manage") ? null : <AdminOnlyNotice />}
      <Card>
        <CardHeader title="Portal" />
        <PortalForm key={portal.updatedAt.toISOString()} accountId={ctx.accountId} portalSlug={portal.slug} values={portal} canEdit={ctx.can("knowledge_base_manage")} />
      </Card>
      {ctx.can("knowledge_base_manage") ? (
        <>
          <Card>
            <CardHeader title="Logo" description="Shown in the portal's header. PNG, JPEG, GIF or WebP, up to 5 MB." />
            <PortalLogo accountId={ctx.accountId} portalSlug={portal.slug} logoUrl={logo?.url ?? null} />
          </Card>
          <Card>
            <CardHeader title="Delete portal" />
            <DeletePortal accountId={ctx.accountId} portalSlug={portal.slug} />
          </Card>
        </>
      ) : null}
    </>
  );
}
