import type { ReactNode } from "react";
import { loadAccountContext } from "@/app/_server/account-context";
import { SettingsNav } from "@/components/settings/settings-nav";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <header className="border-b border-slate-200 bg-white pt-4">
        <p className="px-6 pb-3 text-lg font-semibold text-slate-900">Settings</p>
        <SettingsNav accountId={ctx.accountId} />
      </header>
      <div className="mx-auto w-full max-w-4xl space-y-6 p-6">{children}</div>
    </div>
  );
}
