import { sql } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { dateCondition, enumValues, idValues, inList, textCondition, type AttributeFilter, type FilterOperator, type FilterValue } from "./operators";
import type { AttributeLookup } from "./payload";

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
 * The conversation attributes a filter may name, with Chatwoot's keys and operators. Team and
 * label conditions join this table once teams and labels exist (see team_id / labels below).
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
  inbox_id: idAttribute(conversations.inboxId),
  display_id: idAttribute(conversations.displayId, false),
  created_at: dateAttribute(conversations.createdAt),
  last_activity_at: dateAttribute(conversations.lastActivityAt),
  mail_subject: additional(["equal_to", "not_equal_to", "contains", "does_not_contain"]),
  browser_language: additional(["equal_to", "not_equal_to"]),
  conversation_language: additional(["equal_to", "not_equal_to"]),
  country_code: additional(["equal_to", "not_equal_to"]),
  referer: additional(["equal_to", "not_equal_to", "contains", "does_not_contain"]),
};

/** Standard attributes only; custom attributes are added by the caller when definitions exist. */
export const conversationAttribute: AttributeLookup = (c) =>
  Object.hasOwn(CONVERSATION_ATTRIBUTES, c.attribute_key) ? CONVERSATION_ATTRIBUTES[c.attribute_key] : undefined;
