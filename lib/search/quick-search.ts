import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { searchContacts } from "@/lib/contacts/contacts";
import { searchConversations } from "./search-conversations";
import { snippet } from "./terms";

export type QuickSearchResult = {
  terms: string[];
  conversations: { displayId: number; contactName: string; subject: string | null; snippet: string | null; status: string; inboxName: string }[];
  contacts: { id: number; name: string; email: string | null }[];
};

const QUICK_CONVERSATIONS = 8;
const QUICK_CONTACTS = 5;

/**
 * What the command bar lists while the agent types: the first matching conversations (with the
 * text around the match) and contacts. Small on purpose: it is read at every pause in typing.
 */
export async function quickSearch(db: DbOrTx, actor: Actor, accountId: number, rawQ: string): Promise<QuickSearchResult> {
  const q = rawQ.trim().slice(0, 200);
  if (!q) return { terms: [], conversations: [], contacts: [] };
  const [found, people] = await Promise.all([
    searchConversations(db, actor, accountId, { q }),
    searchContacts(db, actor, accountId, { q }),
  ]);
  return {
    terms: found.terms,
    conversations: found.conversations.slice(0, QUICK_CONVERSATIONS).map((c) => ({
      displayId: c.displayId,
      contactName: c.contact.name || c.contact.email || `Contact #${c.contact.id}`,
      subject: c.subject,
      snippet: c.match?.content ? snippet(c.match.content, found.terms, 120) : null,
      status: c.status,
      inboxName: c.inbox.name,
    })),
    contacts: people.contacts.slice(0, QUICK_CONTACTS).map((c) => ({ id: c.id, name: c.name, email: c.email })),
  };
}
