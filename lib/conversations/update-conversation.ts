import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { applySlaPolicy } from "@/lib/sla/apply";
import { getConversation } from "./get-conversation";
import type { ConversationSummary } from "./types";
import { updatePriority } from "./update-priority";

/**
 * Chatwoot's conversation update: priority and (enterprise) sla_policy_id, each changed only when
 * given, each by its own domain function (authorized, logged, published).
 */
export async function updateConversation(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  input: { priority?: "urgent" | "high" | "medium" | "low" | null; slaPolicyId?: number | null },
): Promise<ConversationSummary> {
  let summary: ConversationSummary | null = null;
  if (input.priority !== undefined) summary = await updatePriority(db, actor, accountId, displayId, { priority: input.priority });
  if (input.slaPolicyId !== undefined) summary = await applySlaPolicy(db, actor, accountId, displayId, { slaPolicyId: input.slaPolicyId });
  return summary ?? getConversation(db, actor, accountId, displayId);
}
