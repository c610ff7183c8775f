import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { channelTypeName } from "@/lib/api/serializers/channel";
import { AppError } from "@/lib/errors";
import { requireReportAccess, valueColumn } from "./filter";

/**
 * Breakdowns Chatwoot's newer report screens read (docs/reports.md, "Breakdowns"): how long the
 * first responses took per channel, conversations per inbox and label, and per channel and
 * status. Each is one grouped query over the account's rows; the range is optional where
 * Chatwoot's is (no range: all time).
 */

const optionalRange = z
  .object({ since: z.date().optional(), until: z.date().optional() })
  .refine((v) => !v.since || !v.until || v.until.getTime() > v.since.getTime(), { message: "until must be after since", path: ["until"] });

export type OptionalRange = z.input<typeof optionalRange>;

/** The first-response buckets, Chatwoot's keys and bounds (seconds, lower bound included). */
export const FIRST_RESPONSE_BUCKETS = [
  { key: "0-1h", from: 0, to: 3_600 },
  { key: "1-4h", from: 3_600, to: 14_400 },
  { key: "4-8h", from: 14_400, to: 28_800 },
  { key: "8-24h", from: 28_800, to: 86_400 },
  { key: "24h+", from: 86_400, to: null },
] as const;
export type FirstResponseBucket = (typeof FIRST_RESPONSE_BUCKETS)[number]["key"];
export type FirstResponseDistribution = Record<string, Record<FirstResponseBucket, number>>;

const rangeSql = (column: SQL, range: { since?: Date; until?: Date }): SQL[] => [
  ...(range.since ? [sql`${column} >= ${range.since.toISOString()}::timestamptz`] : []),
  ...(range.until ? [sql`${column} < ${range.until.toISOString()}::timestamptz`] : []),
];

/**
 * First responses in the range (by when they were sent) counted per channel type and bucket:
 * `{"Channel::Email": {"0-1h": 3, "1-4h": 0, …}}`; only channels that had first responses.
 * `businessHours` counts the business-hours durations (Postdesk's; Chatwoot has wall clock only).
 */
export async function getFirstResponseTimeDistribution(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: OptionalRange & { businessHours?: boolean },
): Promise<FirstResponseDistribution> {
  await requireReportAccess(db, actor, accountId);
  const range = parseInput(optionalRange, params);
  const v = valueColumn(params.businessHours ?? false);
  const where = sql.join([sql`e.account_id = ${accountId}`, sql`e.name = 'first_response'`, ...rangeSql(sql`e.event_end_time`, range)], sql` and `);
  const buckets = FIRST_RESPONSE_BUCKETS.map((b, i) => {
    const cond = b.to === null ? sql`${v} >= ${b.from}` : sql`${v} >= ${b.from} and ${v} < ${b.to}`;
    return sql`count(*) filter (where ${cond})::int as ${sql.identifier(`b${i}`)}`;
  });
  const rows = await db.execute<{ channel_type: "api" | "email" } & Record<string, number>>(sql`
    select i.channel_type, ${sql.join(buckets, sql`, `)}
    from reporting_events e join inboxes i on i.account_id = e.account_id and i.id = e.inbox_id
    where ${where}
    group by i.channel_type
    order by i.channel_type`);
  const out: FirstResponseDistribution = {};
  for (const row of rows) {
    out[channelTypeName(row.channel_type)] = Object.fromEntries(FIRST_RESPONSE_BUCKETS.map((b, i) => [b.key, Number(row[`b${i}`])])) as Record<FirstResponseBucket, number>;
  }
  return out;
}

const ids = z.array(z.number().int().positive()).max(1000).optional();
const matrixInput = z.object({ inboxIds: ids, labelIds: ids });

export type InboxLabelMatrix = {
  inboxes: { id: number; name: string }[];
  labels: { id: number; title: string }[];
  /** `matrix[i][j]`: conversations created in the range in inbox i carrying label j. */
  matrix: number[][];
};

/** Conversations created in the range per inbox × label (inboxes by name, labels by title). */
export async function getInboxLabelMatrix(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: OptionalRange & { inboxIds?: number[]; labelIds?: number[] },
): Promise<InboxLabelMatrix> {
  await requireReportAccess(db, actor, accountId);
  const range = parseInput(optionalRange, params);
  const { inboxIds, labelIds } = parseInput(matrixInput, params);
  const inList = (column: SQL, list: number[] | undefined) => (list && list.length > 0 ? [sql`${column} in (${sql.join(list.map((id) => sql`${id}`), sql`, `)})`] : []);
  const [inboxRows, labelRows] = await Promise.all([
    db.execute<{ id: number; name: string }>(
      sql`select id, name from inboxes where ${sql.join([sql`account_id = ${accountId}`, ...inList(sql`id`, inboxIds)], sql` and `)} order by name, id`,
    ),
    db.execute<{ id: number; title: string }>(
      sql`select id, title from labels where ${sql.join([sql`account_id = ${accountId}`, ...inList(sql`id`, labelIds)], sql` and `)} order by title, id`,
    ),
  ]);
  const inboxes = [...inboxRows].map((r) => ({ id: Number(r.id), name: r.name }));
  const labels = [...labelRows].map((r) => ({ id: Number(r.id), title: r.title }));
  if (inboxes.length === 0 || labels.length === 0) return { inboxes, labels, matrix: inboxes.map(() => labels.map(() => 0)) };
  const where = sql.join(
    [
      sql`c.account_id = ${accountId}`,
      ...rangeSql(sql`c.created_at`, range),
      sql`c.inbox_id in (${sql.join(inboxes.map((i) => sql`${i.id}`), sql`, `)})`,
      sql`l.label_id in (${sql.join(labels.map((l) => sql`${l.id}`), sql`, `)})`,
    ],
    sql` and `,
  );
  const counts = await db.execute<{ inbox_id: number; label_id: number; count: number }>(sql`
    select c.inbox_id, l.label_id, count(*)::int as count
    from conversations c join conversation_labels l on l.account_id = c.account_id and l.conversation_id = c.id
    where ${where}
    group by 1, 2`);
  const byCell = new Map([...counts].map((r) => [`${r.inbox_id}:${r.label_id}`, Number(r.count)]));
  return { inboxes, labels, matrix: inboxes.map((i) => labels.map((l) => byCell.get(`${i.id}:${l.id}`) ?? 0)) };
}

export type ChannelSummary = Record<string, { open: number; resolved: number; pending: number; snoozed: number; total: number }>;

/** Chatwoot limits the channel summary to six months. */
const CHANNEL_SUMMARY_MAX_MONTHS = 6;

const requiredRange = z
  .object({ since: z.date(), until: z.date() })
  .refine((v) => v.until.getTime() > v.since.getTime(), { message: "until must be after since", path: ["until"] });

/**
 * Conversations created in the range per channel type and their status now:
 * `{"Channel::Email": {open, resolved, pending, snoozed, total}}`; only channels that had some.
 */
export async function getChannelSummary(db: DbOrTx, actor: Actor, accountId: number, params: { since: Date; until: Date }): Promise<ChannelSummary> {
  await requireReportAccess(db, actor, accountId);
  const range = parseInput(requiredRange, params);
  const limit = new Date(range.since);
  limit.setUTCMonth(limit.getUTCMonth() + CHANNEL_SUMMARY_MAX_MONTHS);
  if (range.until.getTime() > limit.getTime()) throw new AppError("bad_request", `The date range is at most ${CHANNEL_SUMMARY_MAX_MONTHS} months`);
  const rows = await db.execute<{ channel_type: "api" | "email"; open: number; resolved: number; pending: number; snoozed: number }>(sql`
    select i.channel_type,
      count(*) filter (where c.status = 'open')::int as open,
      count(*) filter (where c.status = 'resolved')::int as resolved,
      count(*) filter (where c.status = 'pending')::int as pending,
      count(*) filter (where c.status = 'snoozed')::int as snoozed
    from conversations c join inboxes i on i.account_id = c.account_id and i.id = c.inbox_id
    where ${sql.join([sql`c.account_id = ${accountId}`, ...rangeSql(sql`c.created_at`, range)], sql` and `)}
    group by i.channel_type
    order by i.channel_type`);
  const out: ChannelSummary = {};
  for (const r of rows) {
    const open = Number(r.open), resolved = Number(r.resolved), pending = Number(r.pending), snoozed = Number(r.snoozed);
    out[channelTypeName(r.channel_type)] = { open, resolved, pending, snoozed, total: open + resolved + pending + snoozed };
  }
  return out;
}
