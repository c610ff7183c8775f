import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { requireReportAccess } from "@/lib/reports/filter";

/**
 * The SLA report (Chatwoot's `/applied_slas`, `/metrics` and `/download`): the conversations put
 * under a policy in a period (the applied SLA's creation), narrowed by inbox, team, policy, label
 * and assignee. "Missed" is any SLA that missed a target: still open (`active_with_misses`) or
 * resolved (`missed`). Conversations of blocked contacts are left out, as Chatwoot leaves them.
 * For whoever may read reports.
 */
const ids = z.preprocess(
  (v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : String(v).split(",")),
  z.array(z.coerce.number().int().positive()).max(100).optional(),
);
const titles = z.preprocess(
  (v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : String(v).split(",")),
  z.array(z.string().trim().min(1).max(255)).max(50).optional(),
);
export const slaReportFilterInput = z.object({
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  inboxIds: ids,
  teamIds: ids,
  slaPolicyIds: ids,
  assigneeIds: ids,
  labels: titles,
});
export type SlaReportFilters = z.input<typeof slaReportFilterInput>;

/** Rows per page of the list, as Chatwoot's. */
export const SLA_REPORT_PAGE_SIZE = 25;
/** The CSV's bound: a download is one statement, never an unbounded read. */
export const SLA_REPORT_MAX_ROWS = 50_000;

export type SlaReportRow = {
  id: number;
  slaPolicyId: number;
  status: "active" | "hit" | "missed" | "active_with_misses";
  createdAt: Date;
  updatedAt: Date;
  policy: { name: string; description: string | null; frt: number | null; nrt: number | null; rt: number | null; onlyDuringBusinessHours: boolean };
  conversation: { displayId: number; contactName: string | null; labels: string[]; inboxName: string; teamName: string | null };
  assignee: { id: number; name: string; displayName: string | null; email: string; availability: "online" | "busy" | "offline" | null } | null;
  events: { id: number; eventType: "frt" | "nrt" | "rt"; meta: Record<string, unknown>; createdAt: Date }[];
};

const MISSED = sql`a.status in ('missed', 'active_with_misses')`;

function where(accountId: number, f: z.output<typeof slaReportFilterInput>): SQL {
  const parts: SQL[] = [sql`a.account_id = ${accountId}`, sql`not coalesce(ct.blocked, false)`];
  if (f.since) parts.push(sql`a.created_at >= ${f.since.toISOString()}`);
  if (f.until) parts.push(sql`a.created_at <= ${f.until.toISOString()}`);
  const list = (column: SQL, values: number[] | undefined) => values?.length && parts.push(sql`${column} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`);
  list(sql`c.inbox_id`, f.inboxIds);
  list(sql`c.team_id`, f.teamIds);
  list(sql`a.sla_policy_id`, f.slaPolicyIds);
  list(sql`c.assignee_id`, f.assigneeIds);
  if (f.labels?.length) {
    const lower = f.labels.map((t) => t.toLowerCase());
    parts.push(sql`exists (
      select 1 from conversation_labels cl join labels l on l.account_id = cl.account_id and l.id = cl.label_id
      where cl.account_id = a.account_id and cl.conversation_id = a.conversation_id and lower(l.title) in (${sql.join(lower.map((t) => sql`${t}`), sql`, `)}))`);
  }
  return sql.join(parts, sql` and `);
}

const FROM = sql`
  from applied_slas a
  join conversations c on c.account_id = a.account_id and c.id = a.conversation_id
  left join contacts ct on ct.account_id = c.account_id and ct.id = c.contact_id`;

/** Counts for `/applied_slas/metrics`: every applied SLA of the filters, and how many missed a target. */
export async function slaReportMetrics(db: DbOrTx, actor: Actor, accountId: number, filters: SlaReportFilters): Promise<{ total: number; missed: number; hitRate: string }> {
  await requireReportAccess(db, actor, accountId);
  const f = parseInput(slaReportFilterInput, filters);
  const [row] = await db.execute<{ total: number; missed: number }>(sql`
    select count(*)::int as total, (count(*) filter (where ${MISSED}))::int as missed ${FROM} where ${where(accountId, f)}`);
  const total = Number(row?.total ?? 0);
  const missed = Number(row?.missed ?? 0);
  return { total, missed, hitRate: hitRate(total, missed) };
}

/** Chatwoot's `hit_rate`: "100%" with no misses, else the share hit rounded to 2 places, written as Ruby writes a float ("85.0%"). */
export function hitRate(total: number, missed: number): string {
  if (missed === 0 || total === 0) return "100%";
  const rate = Math.round(((total - missed) / total) * 100 * 100) / 100;
  return `${Number.isInteger(rate) ? rate.toFixed(1) : String(rate)}%`;
}

/** The missed SLAs of the filters, newest first: one page (`page` from 1) or, with `page: null`, all (bounded) for the CSV. */
export async function listMissedSlas(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  filters: SlaReportFilters,
  page: number | null,
): Promise<{ rows: SlaReportRow[]; count: number }> {
  await requireReportAccess(db, actor, accountId);
  const f = parseInput(slaReportFilterInput, filters);
  const condition = sql`${where(accountId, f)} and ${MISSED}`;
  const limit = page === null ? SLA_REPORT_MAX_ROWS : SLA_REPORT_PAGE_SIZE;
  const offset = page === null ? 0 : (Math.max(1, page) - 1) * SLA_REPORT_PAGE_SIZE;
  const [[counted], rows] = await Promise.all([
    db.execute<{ count: number }>(sql`select count(*)::int as count ${FROM} where ${condition}`),
    db.execute<Record<string, unknown>>(sql`
      select a.id, a.sla_policy_id, a.status, a.created_at, a.updated_at,
             p.name as policy_name, p.description as policy_description, p.first_response_seconds, p.next_response_seconds,
             p.resolution_seconds, p.only_during_business_hours,
             c.display_id, ct.name as contact_name, i.name as inbox_name, t.name as team_name,
             u.id as assignee_id, u.name as assignee_name, u.display_name as assignee_display_name, u.email as assignee_email,
             au.availability as assignee_availability,
             coalesce((select array_agg(l.title order by l.title) from conversation_labels cl
                       join labels l on l.account_id = cl.account_id and l.id = cl.label_id
                       where cl.account_id = c.account_id and cl.conversation_id = c.id), '{}') as labels,
             coalesce((select json_agg(json_build_object('id', e.id, 'event_type', e.event_type, 'meta', e.meta, 'created_at', e.created_at) order by e.id)
                       from sla_events e where e.account_id = a.account_id and e.applied_sla_id = a.id), '[]') as events
      ${FROM}
      join sla_policies p on p.account_id = a.account_id and p.id = a.sla_policy_id
      join inboxes i on i.account_id = c.account_id and i.id = c.inbox_id
      left join teams t on t.account_id = c.account_id and t.id = c.team_id
      left join users u on u.id = c.assignee_id
      left join account_users au on au.account_id = c.account_id and au.user_id = c.assignee_id
      where ${condition}
      order by a.created_at desc, a.id desc
      limit ${limit} offset ${offset}`),
  ]);
  return { rows: rows.map(toRow), count: Number(counted?.count ?? 0) };
}

const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRow(r: Record<string, unknown>): SlaReportRow {
  const events = (typeof r.events === "string" ? JSON.parse(r.events) : r.events) as { id: number; event_type: "frt" | "nrt" | "rt"; meta: Record<string, unknown>; created_at: string }[];
  return {
    id: Number(r.id),
    slaPolicyId: Number(r.sla_policy_id),
    status: r.status as SlaReportRow["status"],
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    policy: {
      name: String(r.policy_name),
      description: (r.policy_description as string | null) ?? null,
      frt: num(r.first_response_seconds),
      nrt: num(r.next_response_seconds),
      rt: num(r.resolution_seconds),
      onlyDuringBusinessHours: r.only_during_business_hours === true,
    },
    conversation: {
      displayId: Number(r.display_id),
      contactName: (r.contact_name as string | null) ?? null,
      labels: (r.labels as string[]) ?? [],
      inboxName: String(r.inbox_name),
      teamName: (r.team_name as string | null) ?? null,
    },
    assignee:
      r.assignee_id === null || r.assignee_id === undefined
        ? null
        : {
            id: Number(r.assignee_id),
            name: String(r.assignee_name),
            displayName: (r.assignee_display_name as string | null) ?? null,
            email: String(r.assignee_email),
            availability: (r.assignee_availability as "online" | "busy" | "offline" | null) ?? null,
          },
    events: events.map((e) => ({ id: Number(e.id), eventType: e.event_type, meta: e.meta ?? {}, createdAt: new Date(e.created_at) })),
  };
}
