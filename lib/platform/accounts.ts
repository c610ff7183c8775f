import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accounts, type Account } from "@/db/schema";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { dropPermissible, grantPermissible, requirePermissible } from "./permissibles";

/** Chatwoot's platform account fields; `features` is accepted and ignored (no feature flags here). */
export const platformAccountInput = z.object({
  name: z.string().trim().min(1, "name can't be blank").max(255).optional(),
  locale: z.string().trim().min(2).max(10).optional(),
  domain: z.string().trim().max(255).nullable().optional(),
  support_email: z.string().trim().max(320).nullable().optional(),
  status: z.enum(["active", "suspended"]).optional(),
  limits: z.record(z.string(), z.unknown()).optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
  features: z.record(z.string(), z.unknown()).optional(),
});
export type PlatformAccountInput = z.input<typeof platformAccountInput>;

function columns(input: z.output<typeof platformAccountInput>): Partial<typeof accounts.$inferInsert> {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.domain !== undefined ? { domain: input.domain } : {}),
    ...(input.support_email !== undefined ? { supportEmail: input.support_email } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.limits !== undefined ? { limits: input.limits } : {}),
  };
}

/** A new account, owned by the platform app that made it (it alone may see or change it). */
export async function createPlatformAccount(db: DbOrTx, platformAppId: number, params: PlatformAccountInput): Promise<Account> {
  const input = parseInput(platformAccountInput, params, "api");
  const name = input.name;
  if (!name) throw invalid("name can't be blank", { field: "name" });
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ ...columns(input), name, customAttributes: input.custom_attributes ?? {} })
      .returning();
    await grantPermissible(tx, platformAppId, "Account", row.id);
    return row;
  });
}

/** 404 for an account that does not exist, 401 for one another platform app made. */
export async function getPlatformAccount(db: DbOrTx, platformAppId: number, accountId: number): Promise<Account> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!row) throw notFound("Account");
  await requirePermissible(db, platformAppId, "Account", accountId);
  return row;
}

/** Updates the fields given; custom attributes are merged into the existing ones, as Chatwoot does. */
export async function updatePlatformAccount(db: DbOrTx, platformAppId: number, accountId: number, params: PlatformAccountInput): Promise<Account> {
  const input = parseInput(platformAccountInput, params, "api");
  const current = await getPlatformAccount(db, platformAppId, accountId);
  const [row] = await db
    .update(accounts)
    .set({
      ...columns(input),
      ...(input.custom_attributes ? { customAttributes: { ...current.customAttributes, ...input.custom_attributes } } : {}),
      updatedAt: new Date(),
    })
    .where(eq(accounts.id, accountId))
    .returning();
  return row;
}

/** Deletes the account and everything in it (rows cascade). */
export async function deletePlatformAccount(db: DbOrTx, platformAppId: number, accountId: number): Promise<void> {
  await getPlatformAccount(db, platformAppId, accountId);
  await inTransaction(db, async (tx) => {
    await tx.delete(accounts).where(eq(accounts.id, accountId));
    await dropPermissible(tx, "Account", accountId);
  });
}
