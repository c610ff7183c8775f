import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { myTeamIdsOf } from "./teams";

/** Conversations of one team (served by conversations_team_list_idx). */
export const teamCondition = (teamId: number): SQL => eq(conversations.teamId, teamId);

/** "My teams": conversations of any team the user belongs to; nothing when they belong to none. */
export async function myTeamsCondition(db: DbOrTx, accountId: number, userId: number | null): Promise<SQL> {
  const ids = userId === null ? [] : await myTeamIdsOf(db, accountId, userId);
  if (ids.length === 0) return sql`false`;
  return ids.length === 1 ? eq(conversations.teamId, ids[0]) : inArray(conversations.teamId, ids);
}
