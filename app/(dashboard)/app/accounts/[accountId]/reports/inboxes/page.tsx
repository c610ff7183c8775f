import type { Metadata } from "next";
import { loadAccountContext } from "@/app/_server/account-context";
import { DimensionReport } from "../_report/dimension-report";
import type { SearchParams } from "../_report/load-report";

export const metadata: Metadata = { title: "Reports — inboxes" };

type Props = { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> };

export default async function ReportsInboxesPage({ params, searchParams }: Props) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("report_manage")) return null;
  return <DimensionReport ctx={ctx} params={await searchParams} dimension="inbox" />;
}
