import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { listCustomFilters } from "@/lib/custom-filters/manage";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { listLabels } from "@/lib/labels/labels";
import { listTeams } from "@/lib/teams/teams";
import { memoAcrossRequests } from "./account-lists";

/**
 * Reads that the account layout (sidebar) and the screens (row colours, pickers) both need, made
 * once per request (the request scope; outside one, every call reads) and, on pages, kept between
 * the member's requests until the account's lists version moves (account-lists.ts).
 */
export const scopedLabels = (db: DbOrTx, actor: Actor, accountId: number) => memoAcrossRequests(accountId, "labels", () => listLabels(db, actor, accountId));

/** The teams with the actor's membership: the scope belongs to one request, so to one actor. */
export const scopedTeams = (db: DbOrTx, actor: Actor, accountId: number) => memoAcrossRequests(accountId, "teams", () => listTeams(db, actor, accountId));

/** Every custom attribute definition of the account (the organize data of the conversations screen). */
export const scopedDefinitions = (db: DbOrTx, actor: Actor, accountId: number) => memoAcrossRequests(accountId, "definitions", () => listDefinitions(db, actor, accountId));

/** The member's saved conversation views (the sidebar). */
export const scopedViews = (db: DbOrTx, actor: Actor, accountId: number) =>
  memoAcrossRequests(accountId, "views", () => listCustomFilters(db, actor, accountId, "conversation"));
