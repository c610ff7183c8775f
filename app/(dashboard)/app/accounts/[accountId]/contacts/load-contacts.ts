import "server-only";
import { getDb } from "@/db/client";
import { listContactConversations } from "@/lib/contacts/contact-conversations";
import { getContact, listContacts, searchContacts } from "@/lib/contacts/contacts";
import { listContactNotes } from "@/lib/contacts/notes";
import { inAccountScope, type AccountContext } from "@/app/_server/account-context";
import { orNotFound } from "@/app/_server/page-data";

/** The contacts list's loader: one page of contacts, or of the search's matches. */
export function loadContactsScreen(ctx: AccountContext, input: { q: string; page: number }) {
  const db = getDb();
  return inAccountScope(ctx, () =>
    input.q ? searchContacts(db, ctx.actor, ctx.accountId, input) : listContacts(db, ctx.actor, ctx.accountId, { page: input.page }),
  );
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
