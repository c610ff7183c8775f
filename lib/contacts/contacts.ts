import { and, count, eq, getTableColumns, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { contacts, type Contact } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { addressTermCondition } from "./address-term";
import { contactInboxesColumn, contactInboxesOf, type ContactInboxDetails } from "./contact-inbox-list";

export type ContactDetails = Contact;

/** Contacts per page, as in Chatwoot. */
export const CONTACTS_PER_PAGE = 15;
// Offset pagination is bounded so a deep page cannot make PostgreSQL walk the whole table.
export const MAX_CONTACT_PAGE = 1000;

const sortable = {
  name: contacts.name,
  email: contacts.email,
  phone_number: contacts.phoneNumber,
  last_activity_at: contacts.lastActivityAt,
  created_at: contacts.createdAt,
} as const;
const sortKeys = Object.keys(sortable) as (keyof typeof sortable)[];

export const listContactsInput = z.object({
  page: z.coerce.number().int().min(1).max(MAX_CONTACT_PAGE).default(1),
  /** Chatwoot style: a column name, with a leading "-" for descending. */
  sort: z
    .enum([...sortKeys, ...sortKeys.map((k) => `-${k}` as const)] as [string, ...string[]])
    .default("-last_activity_at"),
  /** Each contact's addresses (contact_inboxes), as Chatwoot's include_contact_inboxes. */
  includeContactInboxes: z.boolean().default(false),
});
export type ListContactsInput = z.input<typeof listContactsInput>;

/**
 * Counting stops at a cap, so a term matching half a million contacts costs a bounded scan, not a
 * full one; a count equal to the cap means "at least this many". The plain list counts up to every
 * row a client can page to (MAX_CONTACT_PAGE × CONTACTS_PER_PAGE: an index-only scan, ~1 ms); a
 * search rechecks four ILIKEs per counted row (~4 µs each), so it stops at 1,000.
 */
export const CONTACT_LIST_COUNT_CAP = MAX_CONTACT_PAGE * CONTACTS_PER_PAGE;
export const CONTACT_SEARCH_COUNT_CAP = 1000;

export type ContactPage = {
  contacts: ContactDetails[];
  /** Matching contacts, at most CONTACT_LIST_COUNT_CAP (list) or CONTACT_SEARCH_COUNT_CAP (search). */
  count: number;
  /** True when more contacts than `count` match (the count stopped at the cap). */
  countCapped: boolean;
  page: number;
  perPage: number;
  /** Each listed contact's addresses in the inboxes the caller sees, when asked for. */
  contactInboxes: Map<number, ContactInboxDetails[]> | null;
};

function orderFor(sort: string): SQL[] {
  const descending = sort.startsWith("-");
  const column = sortable[(descending ? sort.slice(1) : sort) as keyof typeof sortable];
  // "nulls last" on id too: the order of contacts_account_activity_idx, so a page is read in index order.
  return [descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`, sql`${contacts.id} desc nulls last`];
}

/**
 * The two statements of a contacts page, unawaited (drizzle builders run when awaited), so a test
 * can EXPLAIN exactly what runs: the page in the requested order, and the match count up to the cap.
 */
export function contactPageQueries(db: DbOrTx, accountId: number, where: SQL | undefined, page: number, sort: string) {
  const filter = and(eq(contacts.accountId, accountId), where);
  const cap = where ? CONTACT_SEARCH_COUNT_CAP : CONTACT_LIST_COUNT_CAP;
  const matching = db
    .select({ one: sql`1` })
    .from(contacts)
    .where(filter)
    .limit(cap + 1)
    .as("matching");
  return {
    cap,
    rows: db
      .select()
      .from(contacts)
      .where(filter)
      .orderBy(...orderFor(sort))
      .limit(CONTACTS_PER_PAGE)
      .offset((page - 1) * CONTACTS_PER_PAGE),
    count: db.select({ n: count() }).from(matching),
  };
}

export async function pageOf(
  db: DbOrTx,
  access: AccountAccess,
  where: SQL | undefined,
  input: { page: number; sort: string; includeContactInboxes: boolean },
): Promise<ContactPage> {
  const { page, sort } = input;
  // A search's one statement brings the addresses along (the visible inboxes are known up front:
  // no read for an administrator, one remembered per request for an agent).
  const visible = where && input.includeContactInboxes ? await accessibleInboxIds(db, access) : null;
  const found = where ? await searchPage(db, access.accountId, where, page, sort, visible) : null;
  if (found?.contactInboxes) return { contacts: found.rows, count: Math.min(found.n, found.cap), countCapped: false, page, perPage: CONTACTS_PER_PAGE, contactInboxes: found.contactInboxes };
  const { rows, n, cap } = found ?? (await countedPage(db, access.accountId, where, page, sort));
  const contactInboxes = input.includeContactInboxes ? await contactInboxesOf(db, access, rows.map((r) => r.id)) : null;
  return { contacts: rows, count: Math.min(n, cap), countCapped: n > cap, page, perPage: CONTACTS_PER_PAGE, contactInboxes };
}

/** The two-statement page: the rows in order over every match, and the count up to the cap. */
async function countedPage(db: DbOrTx, accountId: number, where: SQL | undefined, page: number, sort: string) {
  const queries = contactPageQueries(db, accountId, where, page, sort);
  const [rows, [total]] = await Promise.all([queries.rows, queries.count]);
  return { rows, n: total?.n ?? 0, cap: queries.cap };
}

/**
 * A search's page and count in one statement, one pass over the trigram indexes (the two-statement
 * form reads them twice, and on half a million alike addresses that read is the whole cost): take
 * the matches up to the cap, count them, and order that small set. It answers whenever the matches
 * fit under the cap; otherwise (a common term) the order must come from every match, and null sends
 * the caller to the two statements.
 */
export function searchPageQuery(db: DbOrTx, accountId: number, where: SQL, page: number, sort: string, addressesIn: readonly number[] | "all" | null = null) {
  // Aliased as the table itself, so the page's ORDER BY and columns name the capped set.
  const matching = db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), where))
    .limit(CONTACT_SEARCH_COUNT_CAP + 1)
    .as("contacts");
  return db
    .select({
      contact: getTableColumns(contacts),
      matches: sql<number>`count(*) over ()`.mapWith(Number),
      // Evaluated for the page's rows only (after the sort and limit: a subquery is costly enough for the planner to wait).
      addresses: addressesIn === null ? sql<null>`null` : contactInboxesColumn(addressesIn),
    })
    .from(matching)
    .orderBy(...orderFor(sort))
    .limit(CONTACTS_PER_PAGE)
    .offset((page - 1) * CONTACTS_PER_PAGE);
}

async function searchPage(db: DbOrTx, accountId: number, where: SQL, page: number, sort: string, addressesIn: readonly number[] | "all" | null) {
  const rows = await searchPageQuery(db, accountId, where, page, sort, addressesIn);
  const n = rows[0]?.matches ?? 0;
  // No row: nothing matches (page 1), or the page is past the matches and the count is unknown.
  if (n > CONTACT_SEARCH_COUNT_CAP || (rows.length === 0 && page > 1)) return null;
  const contactInboxes = addressesIn === null ? null : new Map(rows.map((r) => [r.contact.id, r.addresses ?? []]));
  return { rows: rows.map((r) => r.contact), n, cap: CONTACT_SEARCH_COUNT_CAP, contactInboxes };
}

export async function listContacts(db: DbOrTx, actor: Actor, accountId: number, params: ListContactsInput = {}): Promise<ContactPage> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "contact_manage");
  return pageOf(db, access, undefined, parseInput(listContactsInput, params));
}

export const searchContactsInput = listContactsInput.extend({
  q: z.string().trim().min(1, "Search term can't be blank").max(200),
});
export type SearchContactsInput = z.input<typeof searchContactsInput>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Terms shorter than this match at the start of a field only. A trigram index can serve
 * ILIKE '%q%' from three characters on; "%jo%" has no trigram and would read every contact,
 * while "jo%" has the word-start trigrams "  j" and " jo", so the same indexes serve it.
 */
export const SUBSTRING_SEARCH_MIN_LENGTH = 3;

/**
 * Substring match over name, email, phone number and identifier (a prefix match for one- or
 * two-character terms, see SUBSTRING_SEARCH_MIN_LENGTH), served by the trigram indexes.
 */
export async function searchContacts(db: DbOrTx, actor: Actor, accountId: number, params: SearchContactsInput): Promise<ContactPage> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "contact_manage");
  const input = parseInput(searchContactsInput, params);
  const page = await pageOf(db, access, contactSearchFilter(input.q), input);
  // Nothing contains the term as typed: a misspelt name or address, by trigram similarity (the
  // same indexes), looked for only then since similarity is computed per candidate row.
  if (page.count > 0 || input.page > 1 || [...input.q].length < SUBSTRING_SEARCH_MIN_LENGTH) return page;
  return pageOf(db, access, or(sql`${contacts.name} % ${input.q}`, sql`${contacts.email} % ${input.q}`), input);
}

/**
 * The match of a search term: ILIKE '%q%' (or 'q%' under three characters) on the four indexed
 * fields; for an address-like term, the same match on email by its btree (address-term.ts).
 */
export function contactSearchFilter(q: string): SQL | undefined {
  const pattern = [...q].length < SUBSTRING_SEARCH_MIN_LENGTH ? `${escapeLike(q)}%` : `%${escapeLike(q)}%`;
  const address = [...q].length < SUBSTRING_SEARCH_MIN_LENGTH ? null : addressTermCondition(q);
  return or(
    ilike(contacts.name, pattern),
    address ?? ilike(contacts.email, pattern),
    ilike(contacts.phoneNumber, pattern),
    ilike(contacts.identifier, pattern),
  );
}

export async function findContact(db: DbOrTx, accountId: number, contactId: number): Promise<ContactDetails | null> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
    .limit(1);
  return row ?? null;
}

export async function getContact(db: DbOrTx, actor: Actor, accountId: number, contactId: number): Promise<ContactDetails> {
  await requireAccountAccess(db, actor, accountId);
  const contact = await findContact(db, accountId, contactId);
  if (!contact) throw notFound("Contact");
  return contact;
}

/** The contact with their addresses in the inboxes the caller sees (Chatwoot's contact show). */
export async function getContactWithInboxes(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  contactId: number,
): Promise<{ contact: ContactDetails; contactInboxes: ContactInboxDetails[] }> {
  const access = await requireAccountAccess(db, actor, accountId);
  const [contact, inboxes] = await Promise.all([findContact(db, accountId, contactId), contactInboxesOf(db, access, [contactId])]);
  if (!contact) throw notFound("Contact");
  return { contact, contactInboxes: inboxes.get(contactId) ?? [] };
}

export {
  createContact,
  createContactInput,
  deleteContact,
  uniqueViolation,
  updateContact,
  updateContactInput,
  type CreateContactInput,
  type UpdateContactInput,
} from "./write-contact";
