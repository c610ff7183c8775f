import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listDashboardApps } from "@/lib/dashboard-apps/manage";
import { loadAccountContext } from "@/app/_server/account-context";
import { DashboardAppForm, DashboardAppRow } from "@/components/integrations/dashboard-app-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Dashboard apps" };

/** Settings → Integrations → Dashboard apps: pages framed as tabs beside each conversation (administrators). */
export default async function DashboardAppsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("integration_manage")) return <Alert tone="info">Your role does not let you manage dashboard apps.</Alert>;
  const apps = await listDashboardApps(getDb(), ctx.actor, ctx.accountId);
  return (
    <>
      <h1 className="sr-only">Dashboard apps</h1>
      <Card>
        <CardHeader
          title="Dashboard apps"
          description="Each app is a tab in the conversation view showing your page (a CRM panel, an order lookup) in a sandboxed frame; it is told the conversation, the contact and the agent."
        />
        {apps.length === 0 ? (
          <EmptyState title="No dashboard apps yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Dashboard apps">
            {apps.map((app) => (
              <li key={app.id}>
                <DashboardAppRow accountId={ctx.accountId} app={{ id: app.id, title: app.title, url: app.content[0]?.url ?? "" }} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a dashboard app" />
        <DashboardAppForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
