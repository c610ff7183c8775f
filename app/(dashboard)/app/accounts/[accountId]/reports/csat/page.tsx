import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { loadAccountContext } from "@/app/_server/account-context";
import { listAgents } from "@/lib/accounts/agents";
import { csatMetrics, listCsatResponses } from "@/lib/csat/report";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listLabels } from "@/lib/labels/labels";
import { listTeams } from "@/lib/teams/teams";
import { accountTimeZone } from "@/lib/reports/filter";
import { CsatReport } from "@/components/csat/csat-report";
import { csatFiltersOf, readCsatQuery } from "@/components/csat/report-query";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";

export const metadata: Metadata = { title: "CSAT report" };

const PER_PAGE = 25;

/** Customer satisfaction: response rate, score, distribution and the customers' comments, filtered through the URL. */
export default async function CsatReportPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("report_manage")) return <AdminOnlyNotice />;
  const db = getDb();
  // Days are the account's reporting zone's (docs/csat.md).
  const timeZone = await accountTimeZone(db, ctx.accountId);
  const query = readCsatQuery(await searchParams, new Date(), timeZone);
  const filters = csatFiltersOf(query, timeZone);
  const page = Number(query.page ?? 1);
  const [metrics, responses, agents, inboxes, teams, labels] = await Promise.all([
    csatMetrics(db, ctx.actor, ctx.accountId, filters),
    listCsatResponses(db, ctx.actor, ctx.accountId, filters, { page, perPage: PER_PAGE + 1 }),
    listAgents(db, ctx.actor, ctx.accountId),
    listInboxes(db, ctx.actor, ctx.accountId),
    listTeams(db, ctx.actor, ctx.accountId),
    listLabels(db, ctx.actor, ctx.accountId),
  ]);
  return (
    <CsatReport
      accountId={ctx.accountId}
      query={query}
      metrics={metrics}
      responses={responses.slice(0, PER_PAGE)}
      hasMore={responses.length > PER_PAGE}
      page={page}
      options={{
        agents: agents.map((a) => ({ id: a.id, name: a.displayName || a.name })),
        inboxes: inboxes.filter((i) => i.channelType === "email").map((i) => ({ id: i.id, name: i.name })),
        teams: teams.map((t) => ({ id: t.id, name: t.name })),
        labels: labels.map((l) => l.title),
      }}
    />
  );
}
