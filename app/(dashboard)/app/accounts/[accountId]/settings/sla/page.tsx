import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listSlaPolicies } from "@/lib/sla/policies";
import { loadAccountContext } from "@/app/_server/account-context";
import { SlaPolicyForm, SlaPolicyRow } from "@/components/sla/sla-settings";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "SLA policies" };

/** Settings → SLA (administrators): response and resolution targets conversations are put under. */
export default async function SlaPoliciesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.isAdmin) return <Alert tone="info">Only administrators manage SLA policies.</Alert>;
  const policies = await listSlaPolicies(getDb(), ctx.actor, ctx.accountId);
  return (
    <>
      <h1 className="sr-only">SLA policies</h1>
      <Card>
        <CardHeader
          title="SLA policies"
          description="Targets for the first response, each next response and resolution. Apply one from a conversation's header or with an automation rule; the list shows the time left on each row."
        />
        {policies.length === 0 ? (
          <EmptyState title="No SLA policies yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="SLA policies">
            {policies.map((p) => (
              <li key={p.id}>
                <SlaPolicyRow accountId={ctx.accountId} policy={p} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add an SLA policy" />
        <SlaPolicyForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
