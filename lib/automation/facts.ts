import { and, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, accountUsers, inboxes, messages, teams, users } from "@/db/schema";
import type { Schedule } from "@/lib/business-hours/schedule";

/**
 * What conditions read, for a batch of events at once: the conversations (one statement with
 * their contact, labels and names), the messages, and the account's inbox, team and agent names
 * for explanations. Nothing here is per rule, so 50 rules cost what one does.
 */
export type ConversationFacts = {
  id: number;
  displayId: number;
  inboxId: number;
  inboxName: string;
  teamId: number | null;
  teamName: string | null;
  status: string;
  priority: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  labels: string[];
  customAttributes: Record<string, unknown>;
  additionalAttributes: Record<string, unknown>;
  contact: { id: number; name: string; email: string | null; phoneNumber: string | null; identifier: string | null; customAttributes: Record<string, unknown>; additionalAttributes: Record<string, unknown> };
  waitingSince: Date | null;
  snoozedUntil: Date | null;
  updatedAt: Date;
};

export type MessageFacts = {
  id: number;
  content: string | null;
  messageType: string;
  private: boolean;
  senderType: string | null;
  senderId: number | null;
  contentAttributes: Record<string, unknown>;
};

export type AccountNames = {
  inboxes: Map<number, string>;
  teams: Map<number, string>;
  agents: Map<number, string>;
  /** Each inbox's effective business hours (its own or the account's while it keeps hours; null: always open). */
  hours: Map<number, Schedule | null>;
};

type ConversationRow = {
  id: number;
  display_id: number;
  inbox_id: number;
  inbox_name: string;
  team_id: number | null;
  team_name: string | null;
  status: string;
  priority: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  labels: string[];
  custom_attributes: Record<string, unknown>;
  additional_attributes: Record<string, unknown>;
  contact_id: number;
  contact_name: string;
  contact_email: string | null;
  contact_phone_number: string | null;
  contact_identifier: string | null;
  contact_custom_attributes: Record<string, unknown>;
  contact_additional_attributes: Record<string, unknown>;
  waiting_since: string | Date | null;
  snoozed_until: string | Date | null;
  updated_at: string | Date;
};

/**
 * `column = any('{…}'::type[])`: one parameter however many ids, so a batch of hundreds of events
 * sends the same statement text (an `in (…)` list is one parameter per id, planned anew for each length).
 */
export const isAnyOf = (column: SQL | AnyColumn, ids: readonly number[], type: "int" | "bigint" = "int"): SQL =>
  sql`${column} = any(${`{${ids.join(",")}}`}::${sql.raw(type)}[])`;

const date = (v: string | Date | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export async function loadConversationFacts(db: DbOrTx, accountId: number, ids: number[]): Promise<Map<number, ConversationFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<ConversationRow>(sql`
    select c.id, c.display_id, c.inbox_id, i.name as inbox_name, c.team_id, t.name as team_name, c.status, c.priority,
           c.assignee_id, u.name as assignee_name, c.custom_attributes, c.additional_attributes,
           ct.id as contact_id, ct.name as contact_name, ct.email as contact_email, ct.phone_number as contact_phone_number,
           ct.identifier as contact_identifier, ct.custom_attributes as contact_custom_attributes,
           ct.additional_attributes as contact_additional_attributes, c.waiting_since, c.snoozed_until, c.updated_at,
           array(select l.title from conversation_labels cl join labels l on l.account_id = cl.account_id and l.id = cl.label_id
                 where cl.account_id = c.account_id and cl.conversation_id = c.id order by l.title) as labels
    from conversations c
    join inboxes i on i.account_id = c.account_id and i.id = c.inbox_id
    join contacts ct on ct.account_id = c.account_id and ct.id = c.contact_id
    left join teams t on t.account_id = c.account_id and t.id = c.team_id
    left join users u on u.id = c.assignee_id
    where c.account_id = ${accountId} and ${isAnyOf(sql`c.id`, ids)}`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        displayId: r.display_id,
        inboxId: r.inbox_id,
        inboxName: r.inbox_name,
        teamId: r.team_id,
        teamName: r.team_name,
        status: r.status,
        priority: r.priority,
        assigneeId: r.assignee_id,
        assigneeName: r.assignee_name,
        labels: r.labels,
        customAttributes: r.custom_attributes ?? {},
        additionalAttributes: r.additional_attributes ?? {},
        contact: {
          id: r.contact_id,
          name: r.contact_name,
          email: r.contact_email,
          phoneNumber: r.contact_phone_number,
          identifier: r.contact_identifier,
          customAttributes: r.contact_custom_attributes ?? {},
          additionalAttributes: r.contact_additional_attributes ?? {},
        },
        waitingSince: date(r.waiting_since),
        snoozedUntil: date(r.snoozed_until),
        updatedAt: date(r.updated_at) ?? new Date(0),
      },
    ]),
  );
}

/**
 * What a rule reads of a message. Of its content attributes only the mail's From and the headers
 * kept for rules (fact-reader.ts): an imported mail's attributes hold its HTML and text three
 * ways, which the evaluation would otherwise fetch and parse for every event.
 */
const messageFactColumns = {
  id: messages.id,
  content: messages.content,
  messageType: messages.messageType,
  private: messages.private,
  senderType: messages.senderType,
  senderId: messages.senderId,
  contentAttributes: sql<Record<string, unknown>>`jsonb_build_object('email', jsonb_build_object('from', ${messages.contentAttributes} #> '{email,from}', 'headers', ${messages.contentAttributes} #> '{email,headers}'))`,
};

/**
 * `mail: false` when no rule reads the sender's address or a header: the mail's attributes are
 * then not read at all (PostgreSQL would decompress all of them to find those two keys).
 */
type MessageFactOptions = { mail?: boolean };
const columnsFor = (options: MessageFactOptions) => (options.mail === false ? { ...messageFactColumns, contentAttributes: sql<Record<string, unknown>>`'{}'::jsonb` } : messageFactColumns);

/**
 * The messages a batch of events reads, in one statement: those the events name and, for events
 * naming none (conversation_created), each conversation's first incoming or outgoing message,
 * which an import's batch most often names too (it records both events): read once, not twice.
 */
export async function loadEventMessages(
  db: DbOrTx,
  accountId: number,
  ids: number[],
  firstOf: number[],
  options: MessageFactOptions = {},
): Promise<{ byId: Map<number, MessageFacts>; first: Map<number, MessageFacts> }> {
  const byId = new Map<number, MessageFacts>();
  const first = new Map<number, MessageFacts>();
  if (ids.length === 0 && firstOf.length === 0) return { byId, first };
  const named = sql`select unnest(${`{${ids.join(",")}}`}::bigint[])`;
  const firsts = db
    .selectDistinctOn([messages.conversationId], { id: messages.id })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), isAnyOf(messages.conversationId, firstOf), inArray(messages.messageType, ["incoming", "outgoing"])))
    .orderBy(messages.conversationId, messages.id);
  const rows = await db
    .select({ conversationId: messages.conversationId, ...columnsFor(options) })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), sql`${messages.id} in (${firstOf.length === 0 ? named : sql`${named} union ${firsts}`})`));
  const wanted = new Set(firstOf);
  for (const { conversationId, ...m } of rows) {
    byId.set(m.id, m);
    // The first of a conversation is among the rows; any other of its incoming or outgoing ones came later.
    if (!wanted.has(conversationId) || (m.messageType !== "incoming" && m.messageType !== "outgoing")) continue;
    const known = first.get(conversationId);
    if (!known || m.id < known.id) first.set(conversationId, m);
  }
  return { byId, first };
}

export async function loadAccountNames(db: DbOrTx, accountId: number): Promise<AccountNames> {
  const [inboxRows, teamRows, agentRows] = await Promise.all([
    db
      .select({ id: inboxes.id, name: inboxes.name, enabled: inboxes.workingHoursEnabled, own: inboxes.businessHours, account: accounts.businessHours })
      .from(inboxes)
      .innerJoin(accounts, eq(accounts.id, inboxes.accountId))
      .where(eq(inboxes.accountId, accountId)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.accountId, accountId)),
    db
      .select({ id: users.id, name: users.name })
      .from(accountUsers)
      .innerJoin(users, eq(users.id, accountUsers.userId))
      .where(eq(accountUsers.accountId, accountId)),
  ]);
  const toMap = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const hours = new Map(inboxRows.map((r) => [r.id, r.enabled ? (r.own ?? r.account ?? null) : null]));
  return { inboxes: toMap(inboxRows), teams: toMap(teamRows), agents: toMap(agentRows), hours };
}
