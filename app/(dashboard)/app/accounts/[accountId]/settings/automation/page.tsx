import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { filesOfRules } from "@/lib/automation/rule-files";
import { listRules, ruleTree } from "@/lib/automation/rules";
import { loadAccountContext } from "@/app/_server/account-context";
import type { Group } from "@/components/automation/condition-editor";
import { RuleForm, type RuleView } from "@/components/automation/rule-form";
import { RuleRow } from "@/components/automation/rule-row";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { loadEditorOptions } from "./load-options";

export const metadata: Metadata = { title: "Automation" };

/** Settings → Automation: rules (event → nested conditions → actions), their failures, run logs and dry runs. Administrators only. */
export default async function AutomationPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.isAdmin) return <AdminOnlyNotice />;
  const db = getDb();
  const [rules, options] = await Promise.all([listRules(db, ctx.actor, ctx.accountId), loadEditorOptions(db, ctx.actor, ctx.accountId)]);
  const files = await filesOfRules(db, ctx.accountId, rules.map((r) => r.id));
  const views: RuleView[] = rules.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    eventName: r.eventName,
    active: r.active,
    tree: ruleTree(r) as unknown as Group,
    actions: r.actions.map((a) => ({ action_name: a.action_name, action_params: a.action_params ?? [] })),
    thresholdMinutes: r.thresholdMinutes,
    failureCount: r.failureCount,
    lastError: r.lastError,
    files: (files.get(r.id) ?? []).map((f) => ({ id: f.id, name: f.fileName })),
  }));
  return (
    <>
      <h1 className="sr-only">Automation</h1>
      <Card>
        <CardHeader title="Automation rules" description="When something happens and the conditions hold, the actions run. Each rule keeps a log of why it fired or did not; a failing action is shown here and never switches a rule off." />
        {views.length === 0 ? (
          <EmptyState title="No rules yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Automation rules">
            {views.map((r) => (
              <li key={r.id}>
                <RuleRow accountId={ctx.accountId} rule={r} options={options} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a rule" />
        <RuleForm accountId={ctx.accountId} options={options} />
      </Card>
    </>
  );
}
