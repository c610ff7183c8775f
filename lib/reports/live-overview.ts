import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { getLiveAgentLoad, getLiveConversationCounts } from "./live";
import type { LiveConversationCounts } from "./types";

export type LiveAgent = {
  id: number;
  name: string;
  email: string;
  /** What teammates see (offline when an auto-offline agent has no open tab). */
  availability: "online" | "busy" | "offline";
  /** Open conversations assigned to them now, and how many of those wait for an answer. */
  open: number;
  unattended: number;
};

/** The reports overview's live view: what waits now, and who is there to take it. */
export type LiveOverview = LiveConversationCounts & {
  agents: LiveAgent[];
  /** When it was read (the screen says how fresh it is). */
  at: string;
};

const AVAILABILITIES = new Set(["online", "busy", "offline"]);

/**
 * The overview's live view in one answer (its first render and `GET
 * /api/accounts/{id}/reports/live`, which the open screen reads again after conversation
 * events): the live counts and each agent's presence and load, read in parallel.
 */
export async function liveOverview(db: DbOrTx, actor: Actor, accountId: number): Promise<LiveOverview> {
  const [counts, agents] = await Promise.all([getLiveConversationCounts(db, actor, accountId), getLiveAgentLoad(db, actor, accountId)]);
  return {
    ...counts,
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      availability: (AVAILABILITIES.has(a.availability) ? a.availability : "offline") as LiveAgent["availability"],
      open: a.metric.open,
      unattended: a.metric.unattended,
    })),
    at: new Date().toISOString(),
  };
}
