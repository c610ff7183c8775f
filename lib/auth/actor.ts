/**
 * Who is acting. Every domain function that touches account data takes one and checks it itself,
 * so the UI, the API and jobs share one set of rules.
 * - user: a signed-in agent or an API token holder (same rights: the token is the user's).
 * - system: jobs and the platform itself (snooze reopen, mail ingestion); trusted, still scoped
 *   to the account it names. `accountId`: the caller already read something of that account (an
 *   automation rule firing), so the account is known to exist and is not looked up again.
 * - agent_bot: an agent bot's access token; only its own account, and there only the inboxes it
 *   is connected to (lib/accounts/access.ts).
 */
export type Actor =
  | { kind: "user"; userId: number }
  | { kind: "system"; reason: string; accountId?: number }
  | { kind: "agent_bot"; agentBotId: number; accountId: number };

export const userActor = (userId: number): Actor => ({ kind: "user", userId });
export const systemActor = (reason: string, accountId?: number): Actor => (accountId === undefined ? { kind: "system", reason } : { kind: "system", reason, accountId });
export const agentBotActor = (agentBotId: number, accountId: number): Actor => ({ kind: "agent_bot", agentBotId, accountId });
