import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { platformAppPermissibles } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type PermissibleType = "Account" | "User" | "AgentBot";

/**
 * A platform app sees and touches only what it created (Chatwoot's platform_app_permissibles).
 * Recorded in the transaction that creates the object.
 */
export async function grantPermissible(db: DbOrTx, platformAppId: number, type: PermissibleType, id: number): Promise<void> {
  await db.insert(platformAppPermissibles).values({ platformAppId, permissibleType: type, permissibleId: id }).onConflictDoNothing();
}

/** Chatwoot's answer for an object of another platform app: 401 "Non permissible resource". */
export async function requirePermissible(db: DbOrTx, platformAppId: number, type: PermissibleType, id: number): Promise<void> {
  const [row] = await db
    .select({ id: platformAppPermissibles.id })
    .from(platformAppPermissibles)
    .where(
      and(
        eq(platformAppPermissibles.platformAppId, platformAppId),
        eq(platformAppPermissibles.permissibleType, type),
        eq(platformAppPermissibles.permissibleId, id),
      ),
    )
    .limit(1);
  if (!row) throw new AppError("unauthorized", "Non permissible resource");
}

/** Forgets an object that was deleted, for every app. */
export async function dropPermissible(db: DbOrTx, type: PermissibleType, id: number): Promise<void> {
  await db.delete(platformAppPermissibles).where(and(eq(platformAppPermissibles.permissibleType, type), eq(platformAppPermissibles.permissibleId, id)));
}
