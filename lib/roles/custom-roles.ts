import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accountUsers, customRoles } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import { isPermission, PERMISSIONS } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid, notFound } from "@/lib/errors";
import { endRealtimeAccess } from "@/lib/realtime/revoke";

export type CustomRole = typeof customRoles.$inferSelect;

const permissionList = z
  .array(z.string().refine(isPermission, { error: (i) => `Unknown permission ${JSON.stringify(i.input)}` }))
  .max(PERMISSIONS.length * 2)
  .transform((list) => PERMISSIONS.filter((p) => list.includes(p)) as string[]);

export const createCustomRoleInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  description: z.preprocess((v) => (v === null ? "" : v), z.string().trim().max(1000)).optional(),
  permissions: permissionList.default([]),
});
export const updateCustomRoleInput = createCustomRoleInput.partial();
export type CreateCustomRoleInput = z.input<typeof createCustomRoleInput>;
export type UpdateCustomRoleInput = z.input<typeof updateCustomRoleInput>;

/** Every member may read the roles (the agents list names them); only administrators change them. */
export async function listCustomRoles(db: DbOrTx, actor: Actor, accountId: number): Promise<CustomRole[]> {
  await requireAccountAccess(db, actor, accountId);
  return db.select().from(customRoles).where(eq(customRoles.accountId, accountId)).orderBy(asc(customRoles.name), asc(customRoles.id));
}

export async function getCustomRole(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<CustomRole> {
  await requireAccountAccess(db, actor, accountId);
  return findCustomRole(db, accountId, id);
}

export async function createCustomRole(db: DbOrTx, actor: Actor, accountId: number, params: CreateCustomRoleInput): Promise<CustomRole> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(createCustomRoleInput, params, "api");
  const [row] = await saving(() =>
    db.insert(customRoles).values({ accountId, name: input.name, description: input.description || null, permissions: input.permissions }).returning(),
  );
  return row;
}

/**
 * Changing a role's permissions changes what its members see at once: their live connections are
 * ended after commit, so they subscribe again under the new rules (lib/realtime/revoke.ts).
 */
export async function updateCustomRole(db: DbOrTx, actor: Actor, accountId: number, id: number, params: UpdateCustomRoleInput): Promise<CustomRole> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(updateCustomRoleInput, params, "api");
  return inTransaction(db, async (tx, afterCommit) => {
    await findCustomRole(tx, accountId, id);
    const [row] = await saving(() =>
      tx
        .update(customRoles)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description || null } : {}),
          ...(input.permissions !== undefined ? { permissions: input.permissions } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(customRoles.accountId, accountId), eq(customRoles.id, id)))
        .returning(),
    );
    if (input.permissions !== undefined) {
      const members = await membersOf(tx, accountId, id);
      if (members.length > 0) afterCommit(() => endRealtimeAccess(members));
    }
    return row;
  });
}

/** Its members become plain agents (the foreign key sets their custom_role_id to null). */
export async function deleteCustomRole(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  await inTransaction(db, async (tx, afterCommit) => {
    await findCustomRole(tx, accountId, id);
    const members = await membersOf(tx, accountId, id);
    await tx.delete(customRoles).where(and(eq(customRoles.accountId, accountId), eq(customRoles.id, id)));
    if (members.length > 0) afterCommit(() => endRealtimeAccess(members));
  });
}

export async function findCustomRole(db: DbOrTx, accountId: number, id: number): Promise<CustomRole> {
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound("Custom role");
  const [row] = await db
    .select()
    .from(customRoles)
    .where(and(eq(customRoles.accountId, accountId), eq(customRoles.id, id)))
    .limit(1);
  if (!row) throw notFound("Custom role");
  return row;
}

async function membersOf(db: DbOrTx, accountId: number, customRoleId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: accountUsers.userId })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.customRoleId, customRoleId)));
  return rows.map((r) => r.userId);
}

async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uniqueViolation(error)) throw invalid("A role with this name already exists", { field: "name" });
    throw error;
  }
}
