import { sql, type SQL } from "drizzle-orm";

/**
 * How long an agent counts as connected after the last presence heartbeat of an open app tab.
 * Tabs send one a minute; browsers may throttle background tabs to about that, so a few may go missing.
 */
export const PRESENCE_STALE_MINUTES = 5;
export const PRESENCE_STALE = sql.raw(`interval '${PRESENCE_STALE_MINUTES} minutes'`);

/**
 * The availability others see: what the agent chose, except that "online" with auto-offline on
 * and no heartbeat for PRESENCE_STALE_MINUTES (or never) reads as "offline": nobody is there.
 * `alias` names account_users in the surrounding statement.
 */
export function effectiveAvailabilitySql(alias = "account_users"): SQL<"online" | "busy" | "offline"> {
  const t = sql.raw(`"${alias}"`);
  return sql<"online" | "busy" | "offline">`(case when ${t}.availability = 'online' and ${t}.auto_offline
    and (${t}.last_seen_at is null or ${t}.last_seen_at < now() - ${PRESENCE_STALE})
    then 'offline'::availability else ${t}.availability end)`;
}
