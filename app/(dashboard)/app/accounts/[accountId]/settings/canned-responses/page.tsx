import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { canEditCannedResponse, listCannedResponses } from "@/lib/canned-responses/manage";
import { VARIABLE_NAMES } from "@/lib/canned-responses/variables";
import { loadAccountContext } from "@/app/_server/account-context";
import { CannedResponseForm, CannedResponseRow } from "@/components/canned-responses/canned-response-form";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Canned responses" };

/** Settings → Canned responses: saved replies inserted with `/short_code` in the composer. */
export default async function CannedResponsesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const rows = await listCannedResponses(getDb(), ctx.actor, ctx.accountId);
  const access = { role: ctx.isAdmin ? ("administrator" as const) : ("agent" as const), userId: ctx.userId };
  return (
    <>
      <h1 className="sr-only">Canned responses</h1>
      <Card>
        <CardHeader
          title="Canned responses"
          description={`Type / and the short code in the composer to insert one. Variables are filled for the conversation: ${VARIABLE_NAMES.map((v) => `{{${v}}}`).join(", ")}.`}
        />
        {rows.length === 0 ? (
          <EmptyState title="No canned responses yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Canned responses">
            {rows.map((r) => (
              <li key={r.id}>
                <CannedResponseRow accountId={ctx.accountId} response={{ id: r.id, shortCode: r.shortCode, content: r.content }} editable={canEditCannedResponse(access, r)} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a canned response" />
        <CannedResponseForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
