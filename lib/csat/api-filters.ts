import type { z } from "zod";
import type { csatQuery } from "@/lib/api/endpoints/csat";
import type { CsatFilters } from "./report";

/** The API's query (Chatwoot's names, Unix seconds) as the report's filters. */
export function filtersFromQuery(q: z.infer<typeof csatQuery>): CsatFilters {
  return {
    since: q.since !== undefined ? new Date(q.since * 1000) : undefined,
    until: q.until !== undefined ? new Date(q.until * 1000) : undefined,
    userIds: q.user_ids,
    inboxId: q.inbox_id,
    teamId: q.team_id,
    label: q.label,
    ratings: q.rating,
  };
}
