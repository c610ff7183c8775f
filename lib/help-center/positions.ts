import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { articles, categories, type Portal } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";
import { announceHelpCenterChange } from "./changes";
import { findPortal, portalNames } from "./portal-access";

/**
 * New positions after a drag: `{ "12": 10, "15": 20 }` (Chatwoot's positions_hash) or the ids in
 * their new order (`[15, 12]`, positions 10, 20, … so a later insert fits between).
 */
export const positionsInput = z
  .union([z.record(z.string().regex(/^\d+$/), z.coerce.number().int().min(0).max(1_000_000)), z.array(z.coerce.number().int().positive())])
  .transform((v): Map<number, number> =>
    Array.isArray(v) ? new Map(v.map((id, i) => [id, (i + 1) * 10])) : new Map(Object.entries(v).map(([id, p]) => [Number(id), p])),
  )
  .refine((m) => m.size > 0 && m.size <= 1000, "Positions must name between 1 and 1000 items");

/**
 * Sets positions of a portal's categories or articles after a drag (administrators; the API's
 * `reorder` and the authoring screens): `{ [id]: position }` or the ids in their new order.
 */
export async function reorderInPortal(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  kind: "category" | "article",
  params: z.input<typeof positionsInput>,
): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const positions = parseInput(positionsInput, params);
  await inTransaction(db, async (tx, afterCommit) => {
    const portal = await findPortal(tx, access, portalSlug);
    const ids = await reorderRows(tx, kind === "category" ? categories : articles, portal, positions);
    announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind, ids, ...portalNames(portal) });
  });
}

/** Updates positions of rows of the portal in one statement; every id must be the portal's. */
async function reorderRows(tx: Tx, table: typeof categories | typeof articles, portal: Portal, positions: Map<number, number>): Promise<number[]> {
  const ids = [...positions.keys()];
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.accountId, portal.accountId), eq(table.portalId, portal.id), inArray(table.id, ids)));
  if (found.length !== ids.length) throw invalid("Some of the items to reorder are not in this portal");
  const values = sql.join(
    ids.map((id) => sql`(${id}::int, ${positions.get(id)}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${table} set position = v.position, updated_at = now() from (values ${values}) as v(id, position)
        where ${table.accountId} = ${portal.accountId} and ${table.portalId} = ${portal.id} and ${table.id} = v.id`,
  );
  return ids;
}
