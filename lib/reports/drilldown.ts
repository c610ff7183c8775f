import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { eventsWhere, METRIC_EVENT, reportFilterInput, requireReportAccess, valueColumn } from "./filter";
import { isDurationMetric, REPORT_METRICS, type MetricConversations, type MetricConversationsQuery } from "./types";

const drilldownInput = z.object({
  metric: z.enum(REPORT_METRICS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/).nullish(),
});

/**
 * Click-through: the conversations whose events make a figure (same filter, same range; a chart
 * bucket is a range), newest conversation first, keyset-paged by conversation id. Each row says
 * how many of its events count and their average value, so the rows explain the figure.
 */
export async function listConversationsForMetric(db: DbOrTx, actor: Actor, accountId: number, params: MetricConversationsQuery): Promise<MetricConversations> {
  await requireReportAccess(db, actor, accountId);
  const filter = parseInput(reportFilterInput, params);
  const { metric, limit, cursor } = parseInput(drilldownInput, params);
  const v = valueColumn(filter.businessHours);
  const rows = await db.execute<{ id: number; display_id: number; inbox_id: number; assignee_id: number | null; status: string; value: number | null; events: number; at: string }>(sql`
    select c.id, c.display_id, c.inbox_id, c.assignee_id, c.status::text as status,
      avg(${v})::float8 as value, count(*)::int as events, max(e.event_end_time) as at
    from reporting_events e join conversations c on c.account_id = e.account_id and c.id = e.conversation_id
    where ${eventsWhere(accountId, filter, filter, [METRIC_EVENT[metric]])}
      ${cursor ? sql`and e.conversation_id < ${Number(cursor)}` : sql``}
    group by c.id
    order by c.id desc
    limit ${limit + 1}`);
  const list = [...rows];
  const page = list.slice(0, limit);
  return {
    conversations: page.map((r) => ({
      id: Number(r.id),
      displayId: Number(r.display_id),
      inboxId: Number(r.inbox_id),
      assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
      status: r.status,
      value: isDurationMetric(metric) && r.value !== null ? Number(r.value) : null,
      events: Number(r.events),
      at: new Date(r.at),
    })),
    nextCursor: list.length > limit ? String(page[page.length - 1].id) : null,
  };
}
