import { inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { conversations } from "@/db/schema";

type PriorityChoice = "urgent" | "high" | "medium" | "low" | "none";

/** Conversations of these priorities; "none" is no priority set (served by conversations_status_priority_idx). */
export function priorityCondition(wanted: readonly PriorityChoice[]): SQL {
  const set = wanted.filter((p): p is Exclude<PriorityChoice, "none"> => p !== "none");
  const parts: SQL[] = [];
  if (set.length > 0) parts.push(inArray(conversations.priority, set));
  if (wanted.includes("none")) parts.push(isNull(conversations.priority));
  return (parts.length === 1 ? parts[0] : or(...parts)) ?? sql`false`;
}
