import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { contacts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { contactChanges, emitContactChange, emitContactDeleted } from "@/lib/integrations/snapshots";
import { emitContactBlockedChanged } from "./blocked-event";
import type { ContactDetails } from "./contacts";

/** Creating, updating and deleting contacts (reads and search are in ./contacts.ts). */
const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const contactFields = {
  name: z.string().trim().max(255).optional(),
  email: z.preprocess(emptyToNull, z.string().trim().toLowerCase().pipe(z.email("Email address is not valid")).nullable()).optional(),
  phoneNumber: z.preprocess(emptyToNull, z.string().trim().regex(/^\+?[0-9 ()-]{3,32}$/, "Phone number is not valid").nullable()).optional(),
  identifier: z.preprocess(emptyToNull, z.string().trim().max(255).nullable()).optional(),
  // Only http(s): a javascript: or data: avatar would become a link or image source somewhere.
  thumbnail: z.preprocess(
    emptyToNull,
    z.url({ protocol: /^https?$/, error: "Avatar URL must be an http:// or https:// address" }).nullable(),
  ).optional(),
  customAttributes: z.record(z.string(), z.unknown()).optional(),
  additionalAttributes: z.record(z.string(), z.unknown()).optional(),
  /** Chatwoot's `blocked`: their mail is still stored but opens no conversation. */
  blocked: z.boolean().optional(),
};

export const createContactInput = z.object(contactFields);
export type CreateContactInput = z.input<typeof createContactInput>;

export async function createContact(db: DbOrTx, actor: Actor, accountId: number, params: CreateContactInput): Promise<ContactDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "contact_manage");
  const input = parseInput(createContactInput, params);
  return withUniqueMessages(() =>
    inTransaction(db, async (tx, afterCommit) => {
      const [row] = await tx
        .insert(contacts)
        .values({ accountId, ...input, name: input.name ?? "" })
        .returning();
      await emitContactChange(tx, afterCommit, "contact_created", row);
      return row;
    }),
  );
}

export const updateContactInput = z.object(contactFields);
export type UpdateContactInput = z.input<typeof updateContactInput>;

export async function updateContact(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  contactId: number,
  params: UpdateContactInput,
): Promise<ContactDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "contact_manage");
  const input = parseInput(updateContactInput, params);
  return withUniqueMessages(() =>
    inTransaction(db, async (tx, afterCommit) => {
      const [before] = await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
        .for("update");
      if (!before) throw notFound("Contact");
      // As Chatwoot: attributes sent are merged into the stored ones (a key not sent is kept).
      const merged = {
        ...input,
        ...(input.customAttributes && { customAttributes: { ...before.customAttributes, ...input.customAttributes } }),
        ...(input.additionalAttributes && { additionalAttributes: { ...before.additionalAttributes, ...input.additionalAttributes } }),
      };
      const [row] = await tx
        .update(contacts)
        .set({ ...merged, updatedAt: new Date() })
        .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
        .returning();
      const changedAttributes = contactChanges(before, row);
      // As Chatwoot: an update that changed nothing is not an event.
      if (Object.keys(changedAttributes).length > 0) await emitContactChange(tx, afterCommit, "contact_updated", row, changedAttributes);
      if (before.blocked !== row.blocked) emitContactBlockedChanged(afterCommit, row);
      return row;
    }),
  );
}

/** Deletes the contact and, by cascade, its conversations. Administrators only, as in Chatwoot. */
export async function deleteContact(db: DbOrTx, actor: Actor, accountId: number, contactId: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  await inTransaction(db, async (tx, afterCommit) => {
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
      .for("update");
    if (!contact) throw notFound("Contact");
    await emitContactDeleted(tx, afterCommit, contact);
    await tx.delete(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)));
  });
}

// Turns the unique indexes on email and identifier into a 422 the caller can show.
async function withUniqueMessages<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint === "contacts_account_email_key") throw invalid("Email has already been taken");
    if (constraint === "contacts_account_identifier_key") throw invalid("Identifier has already been taken");
    throw e;
  }
}

/** The name of the unique constraint a PostgreSQL error violated, if that is what it is. */
export function uniqueViolation(e: unknown): string | null {
  for (let cur: unknown = e; cur && typeof cur === "object"; cur = (cur as { cause?: unknown }).cause) {
    const err = cur as { code?: unknown; constraint_name?: unknown };
    if (err.code === "23505") return typeof err.constraint_name === "string" ? err.constraint_name : "";
  }
  return null;
}

