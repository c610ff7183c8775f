import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { labels, type Label } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid, notFound } from "@/lib/errors";

export type { Label };

/**
 * Labels are Chatwoot's: a lower-case title of letters, digits, "-" and "_" (so it reads as one
 * word in filters and URLs), unique per account. The colour is a hex colour, because the UI puts
 * it into a style attribute.
 */
const title = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Title can't be blank")
  .max(255)
  .regex(/^[\p{L}\p{N}_-]+$/u, "Title may contain only letters, numbers, - and _");
const color = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "Color must be a hex colour such as #1f93ff");
const description = z.preprocess((v) => (v === null ? "" : v), z.string().trim().max(1000));
// Checkboxes and form posts send strings; API clients send booleans.
const flag = z.preprocess((v) => (v === "true" || v === "on" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean());

export const createLabelInput = z.object({ title, description: description.optional(), color: color.optional(), showOnSidebar: flag.optional() });
export const updateLabelInput = createLabelInput.partial();
export type CreateLabelInput = z.input<typeof createLabelInput>;
export type UpdateLabelInput = z.input<typeof updateLabelInput>;

/** The account's labels, alphabetically. Every member sees them (agents apply them). */
export async function listLabels(db: DbOrTx, actor: Actor, accountId: number): Promise<Label[]> {
  await requireAccountAccess(db, actor, accountId);
  return db.select().from(labels).where(eq(labels.accountId, accountId)).orderBy(asc(labels.title));
}

export async function getLabel(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<Label> {
  await requireAccountAccess(db, actor, accountId);
  return findLabel(db, accountId, id);
}

export async function createLabel(db: DbOrTx, actor: Actor, accountId: number, params: CreateLabelInput): Promise<Label> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "label_manage");
  const input = parseInput(createLabelInput, params, "api");
  const [row] = await saving(() =>
    db
      .insert(labels)
      .values({ accountId, title: input.title, description: input.description ?? null, color: input.color ?? "#1f93ff", showOnSidebar: input.showOnSidebar ?? true })
      .returning(),
  );
  return row;
}

/** Renaming a label renames it on every conversation and contact at once (they reference its id). */
export async function updateLabel(db: DbOrTx, actor: Actor, accountId: number, id: number, params: UpdateLabelInput): Promise<Label> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "label_manage");
  const input = parseInput(updateLabelInput, params, "api");
  await findLabel(db, accountId, id);
  const [row] = await saving(() =>
    db
      .update(labels)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.showOnSidebar !== undefined ? { showOnSidebar: input.showOnSidebar } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(labels.accountId, accountId), eq(labels.id, id)))
      .returning(),
  );
  return row;
}

/** Deleting a label takes it off every conversation and contact (the join rows cascade). */
export async function deleteLabel(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "label_manage");
  await findLabel(db, accountId, id);
  await db.delete(labels).where(and(eq(labels.accountId, accountId), eq(labels.id, id)));
}

async function findLabel(db: DbOrTx, accountId: number, id: number): Promise<Label> {
  const [row] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.accountId, accountId), eq(labels.id, id)))
    .limit(1);
  if (!row) throw notFound("Label");
  return row;
}

/** The account's labels with these titles (any case); titles it does not have are left out. */
export async function labelsByTitle(db: DbOrTx, accountId: number, titles: readonly string[]): Promise<Label[]> {
  const wanted = [...new Set(titles.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  return db
    .select()
    .from(labels)
    .where(and(eq(labels.accountId, accountId), sql`lower(${labels.title}) in (${sql.join(wanted.map((t) => sql`${t}`), sql`, `)})`))
    .orderBy(asc(labels.title));
}

async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (uniqueViolation(e) === "labels_account_title_key") throw invalid("Title has already been taken");
    throw e;
  }
}
