import { sql } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { enumValues, type AttributeFilter } from "@/lib/conversations/filter/operators";

/**
 * The conversation filter's `sla_breached` (Chatwoot's filter has no SLA attribute; the name says
 * what it holds): `equal_to [true]` keeps the conversations whose current SLA missed a target
 * (`breached_at` set once, status `active_with_misses` or `missed`), `[false]` or `not_equal_to
 * [true]` the others, with or without an SLA. Read through applied_slas_breached_idx: the
 * breached conversations of the account, then each one's row by primary key.
 */
export const slaBreachedAttribute: AttributeFilter = {
  operators: ["equal_to", "not_equal_to"],
  build: (op, values, key) => {
    const wanted = enumValues(key, values, ["true", "false"]);
    const breached = sql`${conversations.id} in (
      select a.conversation_id from applied_slas a
      where a.account_id = ${conversations.accountId} and a.breached_at is not null
    )`;
    // "is true or false" (both given) holds for every conversation.
    if (wanted.includes("true") && wanted.includes("false")) return op === "equal_to" ? sql`true` : sql`false`;
    return (op === "equal_to") === wanted.includes("true") ? breached : sql`not ${breached}`;
  },
};
