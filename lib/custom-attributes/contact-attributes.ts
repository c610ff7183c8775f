import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { contacts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { contactChanges, emitContactChange } from "@/lib/integrations/snapshots";

export const updateContactAttributeInput = z.object({
  key: z.string().trim().min(1).max(255),
  /** null removes the key. */
  value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
});
export type UpdateContactAttributeInput = z.input<typeof updateContactAttributeInput>;

/** Sets (or removes) one of a contact's custom attributes from the contact panel, keeping the others. */
export async function updateContactAttributes(db: DbOrTx, actor: Actor, accountId: number, contactId: number, params: UpdateContactAttributeInput): Promise<void> {
  await requireAccountAccess(db, actor, accountId);
  const { key, value } = parseInput(updateContactAttributeInput, params);
  await inTransaction(db, async (tx, afterCommit) => {
    const [before] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
      .for("update");
    if (!before) throw notFound("Contact");
    const next: Record<string, unknown> = { ...before.customAttributes };
    if (value === null) delete next[key];
    else next[key] = value;
    const [row] = await tx
      .update(contacts)
      .set({ customAttributes: next, updatedAt: new Date() })
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
      .returning();
    const changes = contactChanges(before, row);
    if (Object.keys(changes).length > 0) await emitContactChange(tx, afterCommit, "contact_updated", row, changes);
  });
}
