import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
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

/**
 * contactInboxesOf as a column of a statement that selects from `contacts` (or a set aliased so):
 * each contact's addresses in the inboxes `visible` (accessibleInboxIds) as JSON, in id order. A
 * search reads them with its page instead of one more round trip.
 */
export function contactInboxesColumn(visible: readonly number[] | "all"): SQL<ContactInboxDetails[]> {
  if (visible !== "all" && visible.length === 0) return sql<ContactInboxDetails[]>`'[]'::json`;
  const inVisible = visible === "all" ? sql`` : sql` and ci.inbox_id in (${sql.join(visible.map((id) => sql`${id}`), sql`, `)})`;
  return sql<ContactInboxDetails[]>`coalesce((
    select json_agg(json_build_object('id', ci.id, 'sourceId', ci.source_id,
      'inbox', json_build_object('id', i.id, 'name', i.name, 'channelType', i.channel_type, 'channelId', i.channel_id)) order by ci.id)
    from ${contactInboxes} ci join ${inboxes} i on i.account_id = ci.account_id and i.id = ci.inbox_id
    where ci.account_id = contacts.account_id and ci.contact_id = contacts.id${inVisible}), '[]'::json)`;
}
