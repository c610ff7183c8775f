import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { mergeContactsInput, type MergeContactsInput } from "./merge";

export type MergePreview = {
  base: { id: number; name: string | null; email: string | null };
  mergee: { id: number; name: string | null; email: string | null };
  /** What moves from the mergee to the base (mergeContacts). */
  conversations: number;
  addresses: number;
  notes: number;
  labels: number;
  /** The base's empty fields the mergee fills. */
  fills: ("email" | "phone number" | "identifier")[];
};

/**
 * What merging the mergee into the base would do, read before the agent confirms: the counts of
 * what moves and the fields the base takes. One statement; nothing is changed.
 */
export async function previewContactMerge(db: DbOrTx, actor: Actor, accountId: number, params: MergeContactsInput): Promise<MergePreview> {
  await requireAccountAccess(db, actor, accountId);
  const { baseContactId, mergeeContactId } = parseInput(mergeContactsInput, params);
  if (baseContactId === mergeeContactId) throw invalid("A contact cannot be merged into itself");
  const rows = await db.execute<{
    base_id: number; base_name: string | null; base_email: string | null; base_phone: string | null; base_identifier: string | null;
    mergee_id: number; mergee_name: string | null; mergee_email: string | null; mergee_phone: string | null; mergee_identifier: string | null;
    conversations: number; addresses: number; notes: number; labels: number;
  }>(sql`
    select b.id as base_id, b.name as base_name, b.email as base_email, b.phone_number as base_phone, b.identifier as base_identifier,
           m.id as mergee_id, m.name as mergee_name, m.email as mergee_email, m.phone_number as mergee_phone, m.identifier as mergee_identifier,
           (select count(*) from conversations c where c.account_id = ${accountId} and c.contact_id = m.id)::int as conversations,
           (select count(*) from contact_inboxes ci where ci.account_id = ${accountId} and ci.contact_id = m.id)::int as addresses,
           (select count(*) from contact_notes n where n.account_id = ${accountId} and n.contact_id = m.id)::int as notes,
           (select count(*) from contact_labels l where l.account_id = ${accountId} and l.contact_id = m.id)::int as labels
    from contacts b, contacts m
    where b.account_id = ${accountId} and b.id = ${baseContactId} and m.account_id = ${accountId} and m.id = ${mergeeContactId}`);
  const r = rows[0];
  if (!r) throw notFound("Contact");
  const empty = (v: string | null) => v === null || v.trim() === "";
  const fills: MergePreview["fills"] = [];
  if (empty(r.base_email) && !empty(r.mergee_email)) fills.push("email");
  if (empty(r.base_phone) && !empty(r.mergee_phone)) fills.push("phone number");
  if (empty(r.base_identifier) && !empty(r.mergee_identifier)) fills.push("identifier");
  return {
    base: { id: r.base_id, name: r.base_name, email: r.base_email },
    mergee: { id: r.mergee_id, name: r.mergee_name, email: r.mergee_email },
    conversations: Number(r.conversations),
    addresses: Number(r.addresses),
    notes: Number(r.notes),
    labels: Number(r.labels),
    fills,
  };
}
