import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { filesOfMacros } from "@/lib/automation/macro-files";
import { listMacros } from "@/lib/automation/macros";
import { loadAccountContext } from "@/app/_server/account-context";
import { MacroForm, MacroRow } from "@/components/automation/macro-form";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { loadEditorOptions } from "../automation/load-options";

export const metadata: Metadata = { title: "Macros" };

/** Settings → Macros: named action lists agents run from a conversation (Macros menu, or the m key). */
export default async function MacrosPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const db = getDb();
  const [macros, options] = await Promise.all([listMacros(db, ctx.actor, ctx.accountId), loadEditorOptions(db, ctx.actor, ctx.accountId)]);
  const files = await filesOfMacros(db, ctx.accountId, macros.map((m) => m.id));
  const editable = (m: (typeof macros)[number]) => (m.visibility === "global" ? ctx.isAdmin : m.createdById === ctx.userId);
  return (
    <>
      <h1 className="sr-only">Macros</h1>
      <Card>
        <CardHeader title="Macros" description="Run one from a conversation's Macros menu (or press m). Personal macros are yours; shared ones are everyone's, and administrators manage them." />
        {macros.length === 0 ? (
          <EmptyState title="No macros yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Macros">
            {macros.map((m) => (
              <li key={m.id}>
                <MacroRow
                  accountId={ctx.accountId}
                  options={options}
                  isAdmin={ctx.isAdmin}
                  editable={editable(m)}
                  macro={{
                    id: m.id,
                    name: m.name,
                    visibility: m.visibility,
                    actions: m.actions.map((a) => ({ action_name: a.action_name, action_params: a.action_params ?? [] })),
                    files: (files.get(m.id) ?? []).map((f) => ({ id: f.id, name: f.fileName })),
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a macro" />
        <MacroForm accountId={ctx.accountId} options={options} isAdmin={ctx.isAdmin} />
      </Card>
    </>
  );
}
