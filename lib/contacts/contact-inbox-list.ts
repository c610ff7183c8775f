import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contactInboxes, inboxes } from "@/db/schema";
import { accessibleInboxIds, type AccountAccess } from "@/lib/accounts/access";

export type ContactInboxDetails = {
  id: number;
  sourceId: string;
  inbox: { id: number; name: string; channelType: "api" | "email"; channelId: number };
};

/**
 * The addresses (contact_inboxes) of a page of contacts in ONE query, limited to the inboxes the
 * caller can see: contacts are account-wide, but an agent learns nothing about other inboxes.
 */
export async function contactInboxesOf(
  db: DbOrTx,
  access: AccountAccess,
  contactIds: readonly number[],
): Promise<Map<number, ContactInboxDetails[]>> {
  const byContact = new Map<number, ContactInboxDetails[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return byContact;
  const visible = await accessibleInboxIds(db, access);
  if (visible !== "all" && visible.length === 0) return byContact;
  const rows = await db
    .select({
      id: contactInboxes.id,
      contactId: contactInboxes.contactId,
      sourceId: contactInboxes.sourceId,
      inbox: { id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType, channelId: inboxes.channelId },
    })
    .from(contactInboxes)
    .innerJoin(inboxes, and(eq(inboxes.accountId, contactInboxes.accountId), eq(inboxes.id, contactInboxes.inboxId)))
    .where(
      and(
        eq(contactInboxes.accountId, access.accountId),
        inArray(contactInboxes.contactId, [...contactIds]),
        visible === "all" ? undefined : inArray(contactInboxes.inboxId, [...visible]),
      ),
    )
    .orderBy(asc(contactInboxes.id));
  for (const { contactId, ...row } of rows) byContact.get(contactId)?.push(row);
  return byContact;
}
