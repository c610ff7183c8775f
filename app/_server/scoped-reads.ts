import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { listLabels } from "@/lib/labels/labels";
import { memoInRequest } from "@/lib/request-scope";
import { listTeams } from "@/lib/teams/teams";

/**
 * Reads that the account layout (sidebar) and the conversations screen (row colours, pickers)
 * both need, made once per request (the request scope; outside one, every call reads).
 */
export const scopedLabels = (db: DbOrTx, actor: Actor, accountId: number) => memoInRequest(`labels:${accountId}`, () => listLabels(db, actor, accountId));

/** The teams with the actor's membership: the scope belongs to one request, so to one actor. */
export const scopedTeams = (db: DbOrTx, actor: Actor, accountId: number) => memoInRequest(`teams:${accountId}`, () => listTeams(db, actor, accountId));
