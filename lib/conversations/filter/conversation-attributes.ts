import { sql } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { dateCondition, enumValues, idValues, inList, requireValues, textCondition, type AttributeFilter, type FilterOperator, type FilterValue } from "./operators";
import type { DbOrTx } from "@/db/client";
import { slaBreachedAttribute } from "@/lib/sla/filter";
import { withCustomAttributes } from "./custom-attributes";
import type { AttributeLookup, FilterCondition } from "./payload";

const STATUSES = ["open", "pending", "resolved", "snoozed", "all"] as const;
const PRIORITIES = ["urgent", "high", "medium", "low", "none"] as const;

/** An id column: in / not in a list, set or not set. */
function idAttribute(column: unknown, presence = true): AttributeFilter {
  return {
    operators: presence ? ["equal_to", "not_equal_to", "is_present", "is_not_present"] : ["equal_to", "not_equal_to"],
    build: (op, values, key) => {
      if (op === "is_present") return sql`${column} is not null`;
      if (op === "is_not_present") return sql`${column} is null`;
      return inList(column, op, idValues(key, values));
    },
  };
}

const dateAttribute = (column: unknown): AttributeFilter => ({
  operators: ["is_greater_than", "is_less_than", "days_before"],
  build: (op, values, key) => dateCondition(column, key, op, values),
});

/** A key of additional_attributes (set by channels: the email's subject, a widget's browser language). */
const additional = (operators: readonly FilterOperator[]): AttributeFilter => ({
  operators,
  build: (op, values, key) => textCondition(sql`(${conversations.additionalAttributes} ->> ${key})`, key, op, values),
});

/**
 * The conversation attributes a filter may name, with Chatwoot's keys and operators. Custom
 * attributes come from the account's definitions (custom-attributes.ts).
 */
export const CONVERSATION_ATTRIBUTES: Record<string, AttributeFilter> = {
  status: {
    operators: ["equal_to", "not_equal_to"],
    build: (op: FilterOperator, values: FilterValue[], key: string) => {
      const statuses = enumValues(key, values, STATUSES);
      if (statuses.includes("all")) return op === "equal_to" ? sql`true` : sql`false`;
      return inList(conversations.status, op, statuses, "conversation_status");
    },
  },
  priority: {
    operators: ["equal_to", "not_equal_to"],
    build: (op, values, key) => {
      const wanted = enumValues(key, values, PRIORITIES);
      const set = wanted.filter((p) => p !== "none");
      const none = wanted.includes("none");
      const inSet = set.length > 0 ? sql`${conversations.priority} in (${sql.join(set.map((p) => sql`${p}::conversation_priority`), sql`, `)})` : sql`false`;
      const matches = none ? sql`(${inSet} or ${conversations.priority} is null)` : inSet;
      return op === "equal_to" ? matches : sql`not coalesce(${matches}, false)`;
    },
  },
  assignee_id: idAttribute(conversations.assigneeId),
  team_id: idAttribute(conversations.teamId),
  labels: {
    operators: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
    build: (op, values, key) => {
      // By title, case-insensitively (labels_account_title_key), then conversation_labels' label index;
      // presence probes the primary key per conversation.
      const any = sql`exists (select 1 from conversation_labels cl where cl.account_id = ${conversations.accountId} and cl.conversation_id = ${conversations.id})`;
      if (op === "is_present") return any;
      if (op === "is_not_present") return sql`not ${any}`;
      const titles = requireValues(key, values).map((v) => String(v).trim().toLowerCase());
      const tagged = sql`${conversations.id} in (
        select cl.conversation_id from conversation_labels cl
        join labels l on l.account_id = cl.account_id and l.id = cl.label_id
        where cl.account_id = ${conversations.accountId} and lower(l.title) in (${sql.join(titles.map((t) => sql`${t}`), sql`, `)})
      )`;
      return op === "equal_to" ? tagged : sql`not ${tagged}`;
    },
  },
  inbox_id: idAttribute(conversations.inboxId),
  display_id: idAttribute(conversations.displayId, false),
  created_at: dateAttribute(conversations.createdAt),
  last_activity_at: dateAttribute(conversations.lastActivityAt),
  mail_subject: additional(["equal_to", "not_equal_to", "contains", "does_not_contain"]),
  browser_language: additional(["equal_to", "not_equal_to"]),
  conversation_language: additional(["equal_to", "not_equal_to"]),
  country_code: additional(["equal_to", "not_equal_to"]),
  referer: additional(["equal_to", "not_equal_to", "contains", "does_not_contain"]),
  sla_breached: slaBreachedAttribute,
};

/** Standard attributes only; custom attributes are added by the caller when definitions exist. */
export const conversationAttribute: AttributeLookup = (c) =>
  Object.hasOwn(CONVERSATION_ATTRIBUTES, c.attribute_key) ? CONVERSATION_ATTRIBUTES[c.attribute_key] : undefined;

/** The standard attributes plus the account's conversation custom attributes the payload names. */
export const conversationLookupFor = (db: DbOrTx, accountId: number, conditions: readonly FilterCondition[]) =>
  withCustomAttributes(db, accountId, "conversation_attribute", conversations.customAttributes, conversationAttribute, conditions);
