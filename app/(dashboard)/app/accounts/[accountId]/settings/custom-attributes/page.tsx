import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { loadAccountContext } from "@/app/_server/account-context";
import { DefinitionForm, DefinitionRow } from "@/components/custom-attributes/definition-settings";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Custom attributes" };

/** Settings → Custom attributes (administrators): the fields agents fill in on conversations and contacts. */
export default async function CustomAttributesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.isAdmin) return <Alert tone="info">Only administrators of this account can manage custom attributes.</Alert>;
  const definitions = await listDefinitions(getDb(), ctx.actor, ctx.accountId);
  const groups = [
    { model: "conversation_attribute", title: "Conversation attributes" },
    { model: "contact_attribute", title: "Contact attributes" },
  ] as const;
  return (
    <>
      <h1 className="sr-only">Custom attributes</h1>
      {groups.map((g) => {
        const rows = definitions.filter((d) => d.attributeModel === g.model);
        return (
          <Card key={g.model} className="mb-6">
            <CardHeader title={g.title} description={g.model === "conversation_attribute" ? "Shown and edited in the conversation's side panel." : "Shown and edited on the contact."} />
            {rows.length === 0 ? (
              <EmptyState title="None yet" />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label={g.title}>
                {rows.map((d) => (
                  <li key={d.id}>
                    <DefinitionRow accountId={ctx.accountId} definition={d} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      })}
      <Card>
        <CardHeader title="Add a custom attribute" />
        <DefinitionForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
