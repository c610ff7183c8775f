import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listLabels } from "@/lib/labels/labels";
import { loadAccountContext } from "@/app/_server/account-context";
import { LabelForm, LabelRow } from "@/components/labels/label-settings";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Labels" };

/** Settings → Labels (administrators): the tags agents put on conversations and contacts. */
export default async function LabelsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("label_manage")) return <Alert tone="info">Your role does not let you manage labels.</Alert>;
  const labels = await listLabels(getDb(), ctx.actor, ctx.accountId);
  return (
    <>
      <h1 className="sr-only">Labels</h1>
      <Card>
        <CardHeader title="Labels" description="Agents tag conversations and contacts with labels; the list filters by them and the sidebar lists those you choose." />
        {labels.length === 0 ? (
          <EmptyState title="No labels yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Labels">
            {labels.map((l) => (
              <li key={l.id}>
                <LabelRow accountId={ctx.accountId} label={{ id: l.id, title: l.title, description: l.description, color: l.color, showOnSidebar: l.showOnSidebar }} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a label" />
        <LabelForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
