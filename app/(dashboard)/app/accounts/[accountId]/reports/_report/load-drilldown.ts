import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { inAccountScope, scopedInboxes, type AccountContext } from "@/app/_server/account-context";
import { scopedLabels, scopedTeams } from "@/app/_server/scoped-reads";
import { listAgents } from "@/lib/accounts/agents";
import { listConversationsForMetric, REPORT_METRICS, REPORT_TYPES } from "@/lib/reports";
import { accountTimeZone } from "@/lib/reports/filter";
import type { SearchParams } from "./load-report";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const unix = z.coerce.number().int().positive().transform((s) => new Date(s * 1000));

/** What a report's number links to (components/reports/conversation-links.ts): the figure and its span. */
const drilldownParams = z.object({
  metric: z.enum(REPORT_METRICS),
  type: z.enum(REPORT_TYPES).default("account"),
  id: z.coerce.number().int().positive().optional(),
  from: unix,
  to: unix,
  business_hours: z.literal("true").optional(),
  cursor: z.string().regex(/^\d{1,12}$/).optional(),
});
export type Drilldown = z.output<typeof drilldownParams>;

/** The drill-down's URL, or null when it is not one (the page says so). */
export function parseDrilldown(params: SearchParams): Drilldown | null {
  const parsed = drilldownParams.safeParse(Object.fromEntries(Object.keys(params).map((k) => [k, one(params[k])])));
  return parsed.success ? parsed.data : null;
}

/**
 * The drill-down's one loader: the conversations whose events make the figure (lib/reports'
 * listConversationsForMetric, one page), and in parallel the names its rows and heading need —
 * inboxes, labels and teams from the layout's reads of this request, and the agents — and the
 * account's time zone its times are shown in.
 */
export function loadDrilldown(ctx: AccountContext, d: Drilldown) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [page, inboxes, agents, teams, labels, timeZone] = await Promise.all([
      listConversationsForMetric(db, ctx.actor, ctx.accountId, {
        metric: d.metric,
        type: d.type,
        ...(d.id !== undefined ? { id: d.id } : {}),
        since: d.from,
        until: d.to,
        businessHours: d.business_hours === "true",
        limit: 50,
        cursor: d.cursor ?? null,
      }),
      scopedInboxes(ctx),
      listAgents(db, ctx.actor, ctx.accountId),
      d.type === "team" ? scopedTeams(db, ctx.actor, ctx.accountId) : [],
      d.type === "label" ? scopedLabels(db, ctx.actor, ctx.accountId) : [],
      accountTimeZone(db, ctx.accountId),
    ]);
    const inboxName = new Map(inboxes.map((i) => [i.id, i.name]));
    const agentName = new Map(agents.map((a) => [a.id, a.displayName || a.name]));
    const scopeName =
      d.type === "agent"
        ? agentName.get(d.id ?? 0)
        : d.type === "inbox"
          ? inboxName.get(d.id ?? 0)
          : d.type === "team"
            ? teams.find((t) => t.id === d.id)?.name
            : d.type === "label"
              ? labels.find((l) => l.id === d.id)?.title
              : undefined;
    return { page, inboxName, agentName, scopeName, timeZone };
  });
}
