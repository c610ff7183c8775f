import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { labelsByTitle } from "./labels";

/**
 * Conversations carrying any of these labels (Chatwoot's `labels[]` is any-of), for a list's
 * WHERE. Titles resolve to ids first, so the condition reads conversation_labels_label_idx (a
 * label's conversations) or probes the primary key per row, whichever the planner finds cheaper
 * for the label's size; titles the account does not have match nothing.
 */
export async function labelsCondition(db: DbOrTx, accountId: number, titles: readonly string[]): Promise<SQL> {
  const ids = (await labelsByTitle(db, accountId, titles)).map((l) => l.id);
  if (ids.length === 0) return sql`false`;
  return sql`${conversations.id} in (
    select cl.conversation_id from conversation_labels cl
    where cl.account_id = ${accountId} and cl.label_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
  )`;
}
