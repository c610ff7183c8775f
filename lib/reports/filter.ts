import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { isTimeZone } from "@/lib/business-hours/schedule";
import type { ReportingEventName } from "@/db/schema/reports";
import { GROUP_BYS, REPORT_METRICS, REPORT_TYPES, type ReportFilter, type ReportMetric } from "./types";

/** At most this long a range (a year and a bit): bounds every report's work. */
const MAX_RANGE_MS = 400 * 86_400_000;

export const reportFilterInput = z
  .object({
    since: z.coerce.date(),
    until: z.coerce.date(),
    type: z.enum(REPORT_TYPES).default("account"),
    id: z.coerce.number().int().positive().optional(),
    businessHours: z.boolean().default(false),
  })
  .refine((v) => v.until.getTime() > v.since.getTime(), { message: "until must be after since", path: ["until"] })
  .refine((v) => v.until.getTime() - v.since.getTime() <= MAX_RANGE_MS, { message: "The range is at most 400 days", path: ["until"] })
  .refine((v) => v.type === "account" || v.id !== undefined, { message: "id is required for this type", path: ["id"] });
export type ParsedFilter = z.output<typeof reportFilterInput>;

export const reportQueryInput = z.object({
  groupBy: z.enum(GROUP_BYS).default("day"),
  timeZone: z.string().refine(isTimeZone, { message: "Unknown time zone" }).optional(),
  metrics: z.array(z.enum(REPORT_METRICS)).min(1).optional(),
  timeseries: z.boolean().default(true),
  distribution: z.boolean().default(true),
});

/** Reports are for administrators and custom roles with "Reports" (report_manage). */
export async function requireReportAccess(db: DbOrTx, actor: Actor, accountId: number): Promise<AccountAccess> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "report_manage");
  return access;
}

/** The account's time zone for reports: its reporting zone, else its business hours' zone, else UTC (docs/reports.md). */
export async function accountTimeZone(db: DbOrTx, accountId: number): Promise<string> {
  const [row] = await db.select({ zone: accounts.reportingTimeZone, hours: accounts.businessHours }).from(accounts).where(eq(accounts.id, accountId));
  return row?.zone ?? row?.hours?.timeZone ?? "UTC";
}

/** Which event a metric reads. */
export const METRIC_EVENT: Record<ReportMetric, ReportingEventName> = {
  conversations_count: "conversation_created",
  incoming_messages_count: "message_incoming",
  outgoing_messages_count: "message_outgoing",
  avg_first_response_time: "first_response",
  avg_resolution_time: "conversation_resolved",
  reply_time: "reply_time",
  resolutions_count: "conversation_resolved",
};

/** Events whose agent is the conversation's assignee (now), not the event's own user. */
export const ASSIGNEE_EVENTS: readonly ReportingEventName[] = ["conversation_created", "message_incoming"];

/**
 * The WHERE of events `e` (joined to their conversation `c`) for a filter: the account, the
 * range on the event's end, the names, and whose figures. Agents: the event's user (who replied,
 * who had it when resolved), but conversations and incoming messages count for the current
 * assignee; teams and labels: the conversation's current team and labels (as Chatwoot does).
 */
export function eventsWhere(accountId: number, filter: Pick<ParsedFilter, "type" | "id">, range: { since: Date; until: Date }, names: readonly ReportingEventName[]): SQL {
  const parts: SQL[] = [
    sql`e.account_id = ${accountId}`,
    sql`e.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`,
    sql`e.event_end_time >= ${range.since.toISOString()}::timestamptz`,
    sql`e.event_end_time < ${range.until.toISOString()}::timestamptz`,
  ];
  const id = filter.id ?? 0;
  if (filter.type === "agent") {
    parts.push(sql`(case when e.name in ('conversation_created', 'message_incoming') then c.assignee_id = ${id} else e.user_id = ${id} end)`);
  } else if (filter.type === "inbox") parts.push(sql`e.inbox_id = ${id}`);
  else if (filter.type === "team") parts.push(sql`c.team_id = ${id}`);
  else if (filter.type === "label") {
    parts.push(sql`exists (select 1 from conversation_labels l where l.account_id = e.account_id and l.conversation_id = e.conversation_id and l.label_id = ${id})`);
  }
  return sql.join(parts, sql` and `);
}

/** The FROM of eventsWhere: the conversation is joined only when the filter reads it. */
export function eventsFrom(filter: Pick<ParsedFilter, "type">): SQL {
  return filter.type === "agent" || filter.type === "team"
    ? sql`reporting_events e join conversations c on c.account_id = e.account_id and c.id = e.conversation_id`
    : sql`reporting_events e`;
}

export const valueColumn = (businessHours: boolean): SQL => (businessHours ? sql.raw("e.value_in_business_hours") : sql.raw("e.value"));

/** The previous period: as long as the range, ending where it starts. */
export function previousRange(filter: Pick<ReportFilter, "since" | "until">): { since: Date; until: Date } {
  const length = filter.until.getTime() - filter.since.getTime();
  return { since: new Date(filter.since.getTime() - length), until: filter.since };
}
