import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { IntegrationEventData } from "../events";

type Assignee = NonNullable<ConversationSummary["assignee"]>;
type State = IntegrationEventData["conversationState"];

/**
 * The assignees a batch's message events name that their conversations (read now) no longer
 * have: one read for the batch, none when nothing changed since the messages.
 */
export async function assigneesAtMessages(db: DbOrTx, items: { state: State; summary: ConversationSummary | undefined }[]): Promise<Map<number, Assignee>> {
  const missing = new Set<number>();
  for (const { state, summary } of items) {
    if (state?.assigneeId && summary && summary.assignee?.id !== state.assigneeId) missing.add(state.assigneeId);
  }
  if (missing.size === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, displayName: users.displayName, email: users.email })
    .from(users)
    .where(inArray(users.id, [...missing]));
  // Availability is a live presence, not part of the message's state: unknown for a former assignee.
  return new Map(rows.map((u) => [u.id, { ...u, availability: null }]));
}

/** The conversation with the status and assignee its message left (IntegrationEventData.conversationState). */
export function atMessage(summary: ConversationSummary, state: State, assignees: Map<number, Assignee>): ConversationSummary {
  if (!state) return summary;
  const status = state.status as ConversationSummary["status"];
  const assignee = state.assigneeId === null ? null : summary.assignee?.id === state.assigneeId ? summary.assignee : (assignees.get(state.assigneeId) ?? summary.assignee);
  return { ...summary, status, snoozedUntil: status === "snoozed" ? summary.snoozedUntil : null, assignee };
}
