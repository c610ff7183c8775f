import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountUsers, teamMembers, teams, users, type Team } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid, notFound } from "@/lib/errors";

export type { Team };
/** A team with whether the caller is one of its members (Chatwoot's `is_member`). */
export type TeamDetails = Team & { isMember: boolean };
export type TeamMember = { id: number; name: string; displayName: string | null; email: string; role: "administrator" | "agent"; availability: "online" | "busy" | "offline" };

const flag = z.preprocess((v) => (v === "true" || v === "on" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean());
export const createTeamInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  description: z.preprocess((v) => (v === null ? "" : v), z.string().trim().max(1000)).optional(),
  allowAutoAssign: flag.optional(),
});
export const updateTeamInput = createTeamInput.partial();
export type CreateTeamInput = z.input<typeof createTeamInput>;
export type UpdateTeamInput = z.input<typeof updateTeamInput>;

/** user_ids as Chatwoot clients send them: numbers or numeric strings. */
export const teamMemberIdsInput = z.object({ userIds: z.array(z.coerce.number().int().positive()).max(1000) });
export type TeamMemberIdsInput = z.input<typeof teamMemberIdsInput>;

/** The account's teams by name; every member sees them (to assign conversations and filter). */
export async function listTeams(db: DbOrTx, actor: Actor, accountId: number): Promise<TeamDetails[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  // The caller's membership in the same statement: the sidebar reads this on every page.
  const isMember =
    access.userId === null
      ? sql<boolean>`false`
      : sql<boolean>`exists (select 1 from team_members tm where tm.account_id = ${teams.accountId} and tm.team_id = ${teams.id} and tm.user_id = ${access.userId})`;
  return db
    .select({ ...getTableColumns(teams), isMember })
    .from(teams)
    .where(eq(teams.accountId, accountId))
    .orderBy(asc(teams.name));
}

export async function getTeam(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<TeamDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  return withMembership(db, access.userId, await findTeam(db, accountId, id));
}

export async function createTeam(db: DbOrTx, actor: Actor, accountId: number, params: CreateTeamInput): Promise<TeamDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "team_manage");
  const input = parseInput(createTeamInput, params, "api");
  const [row] = await saving(() =>
    db
      .insert(teams)
      .values({ accountId, name: input.name, description: input.description ?? null, allowAutoAssign: input.allowAutoAssign ?? true })
      .returning(),
  );
  return { ...row, isMember: false };
}

export async function updateTeam(db: DbOrTx, actor: Actor, accountId: number, id: number, params: UpdateTeamInput): Promise<TeamDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "team_manage");
  const input = parseInput(updateTeamInput, params, "api");
  await findTeam(db, accountId, id);
  const [row] = await saving(() =>
    db
      .update(teams)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.allowAutoAssign !== undefined ? { allowAutoAssign: input.allowAutoAssign } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(teams.accountId, accountId), eq(teams.id, id)))
      .returning(),
  );
  return withMembership(db, access.userId, row);
}

/** Deleting a team leaves its conversations without a team (their agents stay). */
export async function deleteTeam(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "team_manage");
  await findTeam(db, accountId, id);
  await db.delete(teams).where(and(eq(teams.accountId, accountId), eq(teams.id, id)));
}

export async function listTeamMembers(db: DbOrTx, actor: Actor, accountId: number, teamId: number): Promise<TeamMember[]> {
  await requireAccountAccess(db, actor, accountId);
  await findTeam(db, accountId, teamId);
  return teamMembersOf(db, accountId, teamId);
}

/**
 * Chatwoot's three writes of team_members: POST adds the users, PATCH makes them the whole list,
 * DELETE removes them. Only members of the account can join (anything else is refused, naming the
 * ids). POST and PATCH answer with the users sent, as Chatwoot does.
 */
export async function changeTeamMembers(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  teamId: number,
  mode: "add" | "replace" | "remove",
  params: TeamMemberIdsInput,
): Promise<TeamMember[]> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "team_manage");
  const { userIds } = parseInput(teamMemberIdsInput, params, "api");
  const ids = [...new Set(userIds)];
  return inTransaction(db, async (tx) => {
    await findTeam(tx, accountId, teamId, true);
    if (mode !== "remove" && ids.length > 0) {
      const known = await tx
        .select({ userId: accountUsers.userId })
        .from(accountUsers)
        .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, ids)));
      const missing = ids.filter((id) => !known.some((k) => k.userId === id));
      if (missing.length > 0) throw invalid(`Not agents of this account: ${missing.join(", ")}`);
    }
    const team = and(eq(teamMembers.accountId, accountId), eq(teamMembers.teamId, teamId));
    if (mode === "replace") await tx.delete(teamMembers).where(team);
    if (mode === "remove") {
      if (ids.length > 0) await tx.delete(teamMembers).where(and(team, inArray(teamMembers.userId, ids)));
      return [];
    }
    if (ids.length > 0) await tx.insert(teamMembers).values(ids.map((userId) => ({ accountId, teamId, userId }))).onConflictDoNothing();
    return (await teamMembersOf(tx, accountId, teamId)).filter((m) => ids.includes(m.id));
  });
}

/** The teams a user belongs to in the account ("my teams"). */
export async function myTeamIdsOf(db: DbOrTx, accountId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.accountId, accountId), eq(teamMembers.userId, userId)));
  return rows.map((r) => r.teamId);
}

export async function findTeam(db: DbOrTx, accountId: number, id: number, lock = false): Promise<Team> {
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound("Team");
  const query = db
    .select()
    .from(teams)
    .where(and(eq(teams.accountId, accountId), eq(teams.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Team");
  return row;
}

async function teamMembersOf(db: DbOrTx, accountId: number, teamId: number): Promise<TeamMember[]> {
  return db
    .select({ id: users.id, name: users.name, displayName: users.displayName, email: users.email, role: accountUsers.role, availability: accountUsers.availability })
    .from(teamMembers)
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, teamMembers.accountId), eq(accountUsers.userId, teamMembers.userId)))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.accountId, accountId), eq(teamMembers.teamId, teamId)))
    .orderBy(asc(users.name));
}

async function withMembership(db: DbOrTx, userId: number | null, team: Team): Promise<TeamDetails> {
  if (userId === null) return { ...team, isMember: false };
  return { ...team, isMember: (await myTeamIdsOf(db, team.accountId, userId)).includes(team.id) };
}

async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (uniqueViolation(e) === "teams_account_name_key") throw invalid("Name has already been taken");
    throw e;
  }
}
