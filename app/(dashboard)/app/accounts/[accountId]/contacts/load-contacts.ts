import "server-only";
import { getDb } from "@/db/client";
import { listContactConversations } from "@/lib/contacts/contact-conversations";
import { getContact } from "@/lib/contacts/contacts";
import { getContactView, listContactViews, loadContactsPage } from "@/lib/contacts/saved-views";
import { itemsOfQuery, toPayload, type FilterItem } from "@/components/conversations/filter-url";
import { listContactNotes } from "@/lib/contacts/notes";
import { inAccountScope, type AccountContext } from "@/app/_server/account-context";
import { orNotFound } from "@/app/_server/page-data";

/**
 * The contacts list's loader: one page of contacts, of the search's matches, or of a filter's (the
 * URL's `filter`, else the open view's), with the agent's saved contact views for the sidebar.
 */
export function loadContactsScreen(ctx: AccountContext, input: { q: string; page: number; filter?: FilterItem[]; viewId?: number }) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [views, view] = await Promise.all([
      listContactViews(db, ctx.actor, ctx.accountId),
      input.viewId ? orNotFound(getContactView(db, ctx.actor, ctx.accountId, input.viewId)) : null,
    ]);
    const filter = input.filter ?? (view ? itemsOfQuery({ payload: view.payload }) : undefined);
    const payload = filter ? (toPayload(filter) as Parameters<typeof loadContactsPage>[3]["payload"]) : undefined;
    const result = await loadContactsPage(db, ctx.actor, ctx.accountId, { q: input.q, page: input.page, payload });
    return { ...result, views: views.map((v) => ({ id: v.id, name: v.name })), view: view ? { id: view.id, name: view.name } : null, filter };
  });
}

/** The contact page's loader: the contact, the conversations the viewer can see and the notes, in parallel. */
export function loadContactScreen(ctx: AccountContext, contactId: number) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [contact, conversations, notes] = await Promise.all([
      orNotFound(getContact(db, ctx.actor, ctx.accountId, contactId)),
      orNotFound(listContactConversations(db, ctx.actor, ctx.accountId, contactId)),
      orNotFound(listContactNotes(db, ctx.actor, ctx.accountId, contactId)),
    ]);
    return { contact, conversations, notes };
  });
}
