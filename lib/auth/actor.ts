/**
 * Who is acting. Every domain function that touches account data takes one and checks it itself,
 * so the UI, the API and jobs share one set of rules.
 * - user: a signed-in agent or an API token holder (same rights: the token is the user's).
 * - system: jobs and the platform itself (snooze reopen, mail ingestion); trusted, still scoped
 *   to the account it names.
 */
export type Actor = { kind: "user"; userId: number } | { kind: "system"; reason: string };

export const userActor = (userId: number): Actor => ({ kind: "user", userId });
export const systemActor = (reason: string): Actor => ({ kind: "system", reason });
