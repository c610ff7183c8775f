import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { contactLabels, contacts, labels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { labelsByTitle } from "./labels";

const titles = z.array(z.string().max(255)).max(100);
export const changeContactLabelsInput = z
  .object({ set: titles.optional(), add: titles.optional(), remove: titles.optional() })
  .refine((v) => v.set !== undefined || v.add !== undefined || v.remove !== undefined, { message: "Nothing to change" });
export type ChangeContactLabelsInput = z.input<typeof changeContactLabelsInput>;

export async function getContactLabels(db: DbOrTx, actor: Actor, accountId: number, contactId: number): Promise<string[]> {
  await requireAccountAccess(db, actor, accountId);
  await requireContact(db, accountId, contactId);
  return contactLabelTitles(db, accountId, contactId);
}

/** Sets, adds or removes a contact's labels (titles the account does not have are left out, as in Chatwoot). */
export async function changeContactLabels(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  contactId: number,
  params: ChangeContactLabelsInput,
): Promise<string[]> {
  await requireAccountAccess(db, actor, accountId);
  const input = parseInput(changeContactLabelsInput, params, "api");
  return inTransaction(db, async (tx) => {
    await requireContact(tx, accountId, contactId, true);
    const before = await tx
      .select({ labelId: contactLabels.labelId })
      .from(contactLabels)
      .where(and(eq(contactLabels.accountId, accountId), eq(contactLabels.contactId, contactId)));
    const current = new Set(before.map((r) => r.labelId));
    const next = new Set(input.set !== undefined ? (await labelsByTitle(tx, accountId, input.set)).map((l) => l.id) : current);
    for (const l of await labelsByTitle(tx, accountId, input.add ?? [])) next.add(l.id);
    for (const l of await labelsByTitle(tx, accountId, input.remove ?? [])) next.delete(l.id);
    const removed = [...current].filter((id) => !next.has(id));
    const added = [...next].filter((id) => !current.has(id));
    if (removed.length > 0) {
      await tx
        .delete(contactLabels)
        .where(and(eq(contactLabels.accountId, accountId), eq(contactLabels.contactId, contactId), inArray(contactLabels.labelId, removed)));
    }
    if (added.length > 0) await tx.insert(contactLabels).values(added.map((labelId) => ({ accountId, contactId, labelId }))).onConflictDoNothing();
    return contactLabelTitles(tx, accountId, contactId);
  });
}

export async function contactLabelTitles(db: DbOrTx, accountId: number, contactId: number): Promise<string[]> {
  const rows = await db
    .select({ title: labels.title })
    .from(contactLabels)
    .innerJoin(labels, and(eq(labels.accountId, contactLabels.accountId), eq(labels.id, contactLabels.labelId)))
    .where(and(eq(contactLabels.accountId, accountId), eq(contactLabels.contactId, contactId)))
    .orderBy(asc(labels.title));
  return rows.map((r) => r.title);
}

/**
 * What a screen shows of a contact beside their conversation: their custom attributes and label
 * titles (sorted), in one statement; null when the contact does not exist.
 */
export async function contactAttributesAndLabels(
  db: DbOrTx,
  accountId: number,
  contactId: number,
): Promise<{ id: number; customAttributes: Record<string, unknown>; labels: string[] } | null> {
  const [row] = await db
    .select({
      id: contacts.id,
      customAttributes: contacts.customAttributes,
      labels: sql<string[]>`array(
        select l.title from ${contactLabels} cl join ${labels} l on l.account_id = cl.account_id and l.id = cl.label_id
        where cl.account_id = ${accountId} and cl.contact_id = ${contactId} order by l.title)`,
    })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
    .limit(1);
  return row ?? null;
}

async function requireContact(db: DbOrTx, accountId: number, contactId: number, lock = false): Promise<void> {
  const query = db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Contact");
}
