import "server-only";
import { getDb } from "@/db/client";
import { searchContacts } from "@/lib/contacts/contacts";
import { searchConversations } from "@/lib/search/search-conversations";
import { inAccountScope, type AccountContext } from "@/app/_server/account-context";

/** The search screen's loader: matching conversations (every status) and contacts, in parallel. */
export function loadSearchScreen(ctx: AccountContext, input: { q: string; page: number }) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [found, people] = await Promise.all([
      searchConversations(db, ctx.actor, ctx.accountId, { q: input.q, page: input.page }),
      input.page === 1 ? searchContacts(db, ctx.actor, ctx.accountId, { q: input.q }) : null,
    ]);
    return { found, contacts: people?.contacts.slice(0, 6) ?? [], contactCount: people?.count ?? 0 };
  });
}
