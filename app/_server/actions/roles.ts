"use server";

import { z } from "zod";
import { createCustomRole, deleteCustomRole, updateCustomRole } from "@/lib/roles/custom-roles";
import { serverAction } from "../action";

// The domain validates names and permissions (and says what is wrong); these only check the shape.
const id = z.number().int().positive();
const fields = z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()).max(50) });

export const createCustomRoleAction = serverAction(fields.extend({ accountId: id }), async ({ db, actor }, { accountId, ...input }) => {
  const role = await createCustomRole(db, actor, accountId, input);
  return { id: role.id };
});

export const updateCustomRoleAction = serverAction(fields.extend({ accountId: id, roleId: id }), async ({ db, actor }, { accountId, roleId, ...input }) => {
  const role = await updateCustomRole(db, actor, accountId, roleId, input);
  return { id: role.id };
});

export const deleteCustomRoleAction = serverAction(z.object({ accountId: id, roleId: id }), async ({ db, actor }, { accountId, roleId }) => {
  await deleteCustomRole(db, actor, accountId, roleId);
  return null;
});
