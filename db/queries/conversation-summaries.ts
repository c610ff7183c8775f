import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ConversationSummary } from "./conversation-types";
import { effectiveAvailabilitySql } from "./effective-availability";
import { UNREAD_SQL } from "./unread";

/**
 * The list order, spelled exactly as the list indexes are built (drizzle's `.desc()` makes
 * `DESC NULLS LAST`). Plain `desc` means NULLS FIRST, which PostgreSQL cannot serve from those
 * indexes: it would scan and sort every matching row instead of reading one page.
 */
export const LIST_ORDER = sql`order by last_activity_at desc nulls last, id desc nulls last`;
/** The same order over the page's rows (alias `c`), re-applied after the joins. */
export const LIST_ORDER_OUTER = sql`order by c.last_activity_at desc nulls last, c.id desc nulls last`;

/**
 * Loads conversation summaries in one round trip. `filter` narrows `conversations` (unaliased, so
 * drizzle column references work; the account filter is added here); `page` is the ORDER BY / LIMIT / OFFSET applied to conversations before
 * the joins, so PostgreSQL walks the list index, stops after one page, and only then looks up the
 * contact, inbox, assignee, last message and unread count for those rows; `outerOrder` is the same
 * order over the alias `c` (another sort than the default passes both).
 */
export async function selectConversationSummaries(
  db: DbOrTx,
  accountId: number,
  filter: SQL,
  page: SQL = LIST_ORDER,
  outerOrder: SQL = LIST_ORDER_OUTER,
): Promise<ConversationSummary[]> {
  const rows = await db.execute<Row>(conversationSummariesQuery(accountId, filter, page, outerOrder));
  return rows.map(toSummary);
}

/**
 * The SQL of selectConversationSummaries, exported so tests can EXPLAIN it and the benchmark can
 * time the very same statement issued directly.
 */
export function conversationSummariesQuery(accountId: number, filter: SQL, page: SQL = LIST_ORDER, outerOrder: SQL = LIST_ORDER_OUTER): SQL {
  return sql`
    select c.id, c.account_id, c.display_id, c.uuid, c.inbox_id, c.status, c.priority, c.snoozed_until,
           c.last_activity_at, c.created_at, c.updated_at, c.agent_last_seen_at, c.assignee_last_seen_at,
           c.contact_last_seen_at, c.first_reply_created_at, c.waiting_since, c.additional_attributes,
           c.custom_attributes, c.contact_inbox_id, left(c.additional_attributes->>'mail_subject', 300) as subject,
           ct.id as contact_id, ct.name as contact_name, ct.email as contact_email,
           ct.phone_number as contact_phone_number, ct.identifier as contact_identifier, ct.thumbnail as contact_thumbnail, ct.blocked as contact_blocked,
           i.name as inbox_name, i.channel_type as inbox_channel_type,
           u.id as assignee_id, u.name as assignee_name, u.display_name as assignee_display_name,
           u.email as assignee_email, ${effectiveAvailabilitySql("au")} as assignee_availability,
           lm.id as lm_id, lm.content as lm_content, lm.message_type as lm_message_type, lm.private as lm_private,
           lm.created_at as lm_created_at, lm.sender_type as lm_sender_type, lm.sender_id as lm_sender_id,
           pv.content as pv_content, pv.message_type as pv_message_type,
           unread.n as unread_count,
           t.id as team_id, t.name as team_name,
           sla.id as sla_id, sla.sla_policy_id, sla.status as sla_status, sla.frt_due_at as sla_frt_due_at,
           sla.nrt_due_at as sla_nrt_due_at, sla.rt_due_at as sla_rt_due_at, sla.outcomes as sla_outcomes,
           sla.created_at as sla_created_at, sla.updated_at as sla_updated_at, sp.name as sla_name,
           sp.description as sla_description, sp.first_response_seconds as sla_frt, sp.next_response_seconds as sla_nrt,
           sp.resolution_seconds as sla_rt, sp.only_during_business_hours as sla_business_hours,
           array(
             select l.title from conversation_labels cl
             join labels l on l.account_id = cl.account_id and l.id = cl.label_id
             where cl.account_id = c.account_id and cl.conversation_id = c.id
             order by l.title
           ) as label_titles,
           exists (
             select 1 from messages m
             where m.account_id = c.account_id and m.conversation_id = c.id
               and m.status = 'failed' and m.message_type = 'outgoing' and not m.private
           ) as has_failed_reply
    from (
      select * from conversations
      where conversations.account_id = ${accountId} and (${filter})
      ${page}
    ) c
    join contacts ct on ct.account_id = c.account_id and ct.id = c.contact_id
    join inboxes i on i.account_id = c.account_id and i.id = c.inbox_id
    left join users u on u.id = c.assignee_id
    left join teams t on t.account_id = c.account_id and t.id = c.team_id
    left join account_users au on au.account_id = c.account_id and au.user_id = c.assignee_id
    -- The SLA it is under (lib/sla): one unique-index probe per row of the page.
    left join applied_slas sla on sla.account_id = c.account_id and sla.conversation_id = c.id
    left join sla_policies sp on sp.account_id = sla.account_id and sp.id = sla.sla_policy_id
    left join lateral (
      select m.id, m.content, m.message_type, m.private, m.created_at, m.sender_type, m.sender_id
      from messages m
      where m.account_id = c.account_id and m.conversation_id = c.id and m.message_type in ('incoming', 'outgoing')
      order by m.id desc limit 1
    ) lm on true
    -- The row's preview: the newest message a customer or agent wrote, never a private note. Only
    -- when the newest message is a note does this look further back (lm.private is a one-time filter).
    left join lateral (
      select m.content, m.message_type
      from messages m
      where lm.private and m.account_id = c.account_id and m.conversation_id = c.id
        and m.message_type in ('incoming', 'outgoing') and not m.private
      order by m.id desc limit 1
    ) pv on true
    -- How many unread (Chatwoot's unread_count), counted only for a row that is unread by the
    -- sidebar's definition (UNREAD_SQL), so badge and counts cannot disagree and read rows cost nothing.
    left join lateral (
      select count(*)::int as n from messages m
      where ${UNREAD_SQL}
        and m.account_id = c.account_id and m.conversation_id = c.id and m.message_type = 'incoming'
        and m.created_at > coalesce(c.agent_last_seen_at, '-infinity'::timestamptz)
    ) unread on true
    ${outerOrder}
  `;
}

/** One row of conversationSummariesQuery, from postgres.js or from its row_to_json (timestamps as strings either way). */
export type SummaryRow = Record<string, unknown>;
type Row = SummaryRow;

// Drizzle's postgres.js driver hands timestamps to us as strings; normalise them to Date.
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v);

export function toSummary(r: Row): ConversationSummary {
  return {
    id: num(r.id),
    accountId: num(r.account_id),
    displayId: num(r.display_id),
    uuid: String(r.uuid),
    inboxId: num(r.inbox_id),
    status: r.status as ConversationSummary["status"],
    priority: (r.priority ?? null) as ConversationSummary["priority"],
    snoozedUntil: dateOrNull(r.snoozed_until),
    lastActivityAt: date(r.last_activity_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    agentLastSeenAt: dateOrNull(r.agent_last_seen_at),
    assigneeLastSeenAt: dateOrNull(r.assignee_last_seen_at),
    contactLastSeenAt: dateOrNull(r.contact_last_seen_at),
    firstReplyCreatedAt: dateOrNull(r.first_reply_created_at),
    waitingSince: dateOrNull(r.waiting_since),
    additionalAttributes: (r.additional_attributes ?? {}) as Record<string, unknown>,
    customAttributes: (r.custom_attributes ?? {}) as Record<string, unknown>,
    contactInboxId: r.contact_inbox_id === null ? null : num(r.contact_inbox_id),
    subject: typeof r.subject === "string" && r.subject.trim() !== "" ? r.subject : null,
    contact: {
      id: num(r.contact_id),
      name: String(r.contact_name ?? ""),
      email: str(r.contact_email),
      phoneNumber: str(r.contact_phone_number),
      identifier: str(r.contact_identifier),
      thumbnail: str(r.contact_thumbnail),
      blocked: r.contact_blocked === true,
    },
    inbox: { id: num(r.inbox_id), name: String(r.inbox_name), channelType: r.inbox_channel_type as "api" | "email" },
    assignee:
      r.assignee_id === null || r.assignee_id === undefined
        ? null
        : {
            id: num(r.assignee_id),
            name: String(r.assignee_name),
            displayName: str(r.assignee_display_name),
            email: String(r.assignee_email),
            availability: (r.assignee_availability ?? null) as "online" | "busy" | "offline" | null,
          },
    team: r.team_id === null || r.team_id === undefined ? null : { id: num(r.team_id), name: String(r.team_name) },
    labels: Array.isArray(r.label_titles) ? r.label_titles.map(String) : [],
    lastMessage:
      r.lm_id === null || r.lm_id === undefined
        ? null
        : {
            id: num(r.lm_id),
            content: str(r.lm_content),
            messageType: r.lm_message_type as "incoming" | "outgoing",
            private: Boolean(r.lm_private),
            createdAt: date(r.lm_created_at),
            senderType: (r.lm_sender_type ?? null) as "contact" | "user" | "agent_bot" | null,
            senderId: r.lm_sender_id === null ? null : num(r.lm_sender_id),
          },
    preview: previewOf(r),
    unreadCount: num(r.unread_count ?? 0),
    hasFailedReply: r.has_failed_reply === true,
    sla: slaOf(r),
  };
}

function slaOf(r: Row): ConversationSummary["sla"] {
  if (r.sla_id === null || r.sla_id === undefined) return null;
  const n = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return {
    id: num(r.sla_id),
    policyId: num(r.sla_policy_id),
    name: String(r.sla_name),
    description: str(r.sla_description),
    status: r.sla_status as NonNullable<ConversationSummary["sla"]>["status"],
    frtDueAt: dateOrNull(r.sla_frt_due_at),
    nrtDueAt: dateOrNull(r.sla_nrt_due_at),
    rtDueAt: dateOrNull(r.sla_rt_due_at),
    outcomes: (r.sla_outcomes ?? {}) as NonNullable<ConversationSummary["sla"]>["outcomes"],
    thresholds: { frt: n(r.sla_frt), nrt: n(r.sla_nrt), rt: n(r.sla_rt) },
    onlyDuringBusinessHours: r.sla_business_hours === true,
    createdAt: date(r.sla_created_at),
    updatedAt: date(r.sla_updated_at),
  };
}

function previewOf(r: Row): ConversationSummary["preview"] {
  if (r.lm_id === null || r.lm_id === undefined) return null;
  if (r.lm_private !== true) return { content: str(r.lm_content), messageType: r.lm_message_type as "incoming" | "outgoing" };
  if (r.pv_message_type === null || r.pv_message_type === undefined) return null;
  return { content: str(r.pv_content), messageType: r.pv_message_type as "incoming" | "outgoing" };
}
