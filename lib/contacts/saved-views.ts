import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createCustomFilter, getCustomFilter, listCustomFilters } from "@/lib/custom-filters/manage";
import { isAppError, notFound } from "@/lib/errors";
import { listContacts, searchContacts, type ContactPage } from "./contacts";
import { filterContacts, type FilterContactsInput } from "./filter/filter-contacts";

/**
 * Saved contact views (docs/filters.md, Contact views): the agent's own custom_filters of type
 * contact, whose `query.payload` is a `POST /contacts/filter` payload.
 */
export type ContactView = { id: number; name: string; payload: unknown };

export async function listContactViews(db: DbOrTx, actor: Actor, accountId: number): Promise<ContactView[]> {
  const rows = await listCustomFilters(db, actor, accountId, "contact");
  return rows.map((r) => ({ id: r.id, name: r.name, payload: (r.query as { payload?: unknown }).payload }));
}

/** One of the agent's contact views; another agent's, or a conversation view, is "not found". */
export async function getContactView(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<ContactView> {
  const row = await getCustomFilter(db, actor, accountId, id);
  if (row.filterType !== "contact") throw notFound("Contact view");
  return { id: row.id, name: row.name, payload: (row.query as { payload?: unknown }).payload };
}

export async function createContactView(db: DbOrTx, actor: Actor, accountId: number, input: { name: string; payload: unknown[] }): Promise<ContactView> {
  const row = await createCustomFilter(db, actor, accountId, { name: input.name, filter_type: "contact", query: { payload: input.payload } });
  return { id: row.id, name: row.name, payload: input.payload };
}

/**
 * The contacts list's page: the search's matches, a filter's (a view's or the URL's), or the
 * whole list. A filter the domain refuses comes back as `filterError` over an empty page, so the
 * screen can say why instead of failing.
 */
export async function loadContactsPage(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  input: { q: string; page: number; payload?: FilterContactsInput["payload"] },
): Promise<{ page: ContactPage | null; filterError: string | null }> {
  if (input.payload) {
    try {
      return { page: await filterContacts(db, actor, accountId, { payload: input.payload, page: input.page }), filterError: null };
    } catch (e) {
      if (!isAppError(e) || e.code !== "invalid") throw e;
      return { page: null, filterError: e.message };
    }
  }
  const page = input.q ? await searchContacts(db, actor, accountId, input) : await listContacts(db, actor, accountId, { page: input.page });
  return { page, filterError: null };
}
