import type { ReactNode } from "react";
import { loadAccountContext } from "@/app/_server/account-context";
import { ReportsNav } from "@/components/reports/reports-nav";
import { Alert } from "@/components/ui/alert";

/** The reports section: for administrators and custom roles that may see reports (`report_manage`). */
export default async function ReportsLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const allowed = ctx.can("report_manage");
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <header className="border-b border-slate-200 bg-white pt-4">
        <p className="px-6 pb-3 text-lg font-semibold text-slate-900">Reports</p>
        {allowed ? <ReportsNav accountId={ctx.accountId} /> : null}
      </header>
      <div className="mx-auto w-full max-w-6xl space-y-6 p-6">
        {allowed ? (
          children
        ) : (
          <Alert tone="info">
            <strong className="font-semibold">Reports are for administrators</strong> and roles that include “Reports”.
          </Alert>
        )}
      </div>
    </div>
  );
}
