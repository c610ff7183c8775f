import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { articles, categories, type Portal } from "@/db/schema";
import { invalid } from "@/lib/errors";

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

/** Updates positions of rows of the portal in one statement; every id must be the portal's. */
export async function reorderRows(tx: Tx, table: typeof categories | typeof articles, portal: Portal, positions: Map<number, number>): Promise<number[]> {
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
