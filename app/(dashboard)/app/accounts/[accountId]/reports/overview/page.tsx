import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { inAccountScope, loadAccountContext } from "@/app/_server/account-context";
import { LiveView } from "@/components/reports/live-view";
import { liveOverview } from "@/lib/reports/live-overview";

export const metadata: Metadata = { title: "Reports — overview" };

type Props = { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The overview: the live view, then the account's metrics for the chosen period. */
export default async function ReportsOverviewPage({ params }: Props) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("report_manage")) return null;
  const live = await inAccountScope(ctx, () => liveOverview(getDb(), ctx.actor, ctx.accountId));
  return (
    <>
      <h1 className="sr-only">Overview</h1>
      <LiveView accountId={ctx.accountId} initial={live} />
    </>
  );
}
