import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accountUsers, inboxes, labels, teams, users } from "@/db/schema";
import type { ReportingEventName } from "@/db/schema/reports";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { eventsWhere, reportFilterInput, requireReportAccess, valueColumn } from "./filter";
import { figureOf } from "./metrics";
import type { SummaryQuery, SummaryRow } from "./types";

const summaryInput = z.object({ dimension: z.enum(["agent", "inbox", "team", "label"]) });

type Entity = { id: number; name: string; detail: string | null };
type Aggregate = { key: number; name: ReportingEventName; count: number; avg: number | null; median: number | null; p90: number | null };

/**
 * One row per agent / inbox / team / label of the account (those without events too, with zeros),
 * the tables of Reports and the CSVs: the same figures as getReportMetrics for that `type`/`id`.
 */
export async function getReportSummary(db: DbOrTx, actor: Actor, accountId: number, params: SummaryQuery): Promise<SummaryRow[]> {
  await requireReportAccess(db, actor, accountId);
  const { dimension } = parseInput(summaryInput, params);
  const filter = parseInput(reportFilterInput, { ...params, type: "account" });
  const names: ReportingEventName[] = ["conversation_created", "message_incoming", "message_outgoing", "first_response", "conversation_resolved", "reply_time"];
  const v = valueColumn(filter.businessHours);
  const { key, from } = dimensionSql(dimension);
  const [entities, rows] = await Promise.all([
    entitiesOf(db, accountId, dimension),
    db.execute<{ key: number | null; name: ReportingEventName; count: number; avg: number | null; median: number | null; p90: number | null }>(sql`
      select ${key} as key, e.name, count(*)::int as count, avg(${v})::float8 as avg,
        percentile_cont(0.5) within group (order by ${v}) as median,
        percentile_cont(0.9) within group (order by ${v}) as p90
      from ${from}
      where ${eventsWhere(accountId, { type: "account" }, filter, names)}
      group by 1, 2`),
  ]);
  const byKey = new Map<number, Aggregate[]>();
  for (const r of rows) {
    if (r.key === null) continue;
    const list = byKey.get(Number(r.key)) ?? [];
    list.push({ key: Number(r.key), name: r.name, count: Number(r.count), avg: r.avg, median: r.median, p90: r.p90 });
    byKey.set(Number(r.key), list);
  }
  return entities.map((entity) => {
    const aggregates = byKey.get(entity.id) ?? [];
    const of = (name: ReportingEventName) => aggregates.find((a) => a.name === name);
    return {
      ...entity,
      conversationsCount: of("conversation_created")?.count ?? 0,
      incomingMessagesCount: of("message_incoming")?.count ?? 0,
      outgoingMessagesCount: of("message_outgoing")?.count ?? 0,
      resolutionsCount: of("conversation_resolved")?.count ?? 0,
      firstResponseTime: figureOf("avg_first_response_time", of("first_response")),
      resolutionTime: figureOf("avg_resolution_time", of("conversation_resolved")),
      replyTime: figureOf("reply_time", of("reply_time")),
    };
  });
}

/** Whose row an event counts in (the same rules as eventsWhere's filters). */
function dimensionSql(dimension: SummaryQuery["dimension"]): { key: SQL; from: SQL } {
  const withConversation = sql`reporting_events e join conversations c on c.account_id = e.account_id and c.id = e.conversation_id`;
  switch (dimension) {
    case "agent":
      return { key: sql`case when e.name in ('conversation_created', 'message_incoming') then c.assignee_id else e.user_id end`, from: withConversation };
    case "inbox":
      return { key: sql`e.inbox_id`, from: sql`reporting_events e` };
    case "team":
      return { key: sql`c.team_id`, from: withConversation };
    case "label":
      return {
        key: sql`l.label_id`,
        from: sql`reporting_events e join conversation_labels l on l.account_id = e.account_id and l.conversation_id = e.conversation_id`,
      };
  }
}

async function entitiesOf(db: DbOrTx, accountId: number, dimension: SummaryQuery["dimension"]): Promise<Entity[]> {
  switch (dimension) {
    case "agent":
      return db
        .select({ id: users.id, name: sql<string>`coalesce(nullif(${users.displayName}, ''), ${users.name})`, detail: users.email })
        .from(accountUsers)
        .innerJoin(users, eq(users.id, accountUsers.userId))
        .where(eq(accountUsers.accountId, accountId))
        .orderBy(asc(users.name), asc(users.id));
    case "inbox":
      return db
        .select({ id: inboxes.id, name: inboxes.name, detail: sql<string>`${inboxes.channelType}::text` })
        .from(inboxes)
        .where(eq(inboxes.accountId, accountId))
        .orderBy(asc(inboxes.name), asc(inboxes.id));
    case "team":
      return db.select({ id: teams.id, name: teams.name, detail: sql<null>`null` }).from(teams).where(eq(teams.accountId, accountId)).orderBy(asc(teams.name), asc(teams.id));
    case "label":
      return db
        .select({ id: labels.id, name: labels.title, detail: sql<null>`null` })
        .from(labels)
        .where(and(eq(labels.accountId, accountId)))
        .orderBy(asc(labels.title), asc(labels.id));
  }
}
