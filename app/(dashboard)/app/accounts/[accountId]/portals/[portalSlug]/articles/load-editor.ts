import "server-only";
import { getDb } from "@/db/client";
import type { AccountContext } from "@/app/_server/account-context";
import type { Portal } from "@/db/schema";
import { listAgents } from "@/lib/accounts/agents";
import { listCategories } from "@/lib/help-center/categories";
import { listArticles } from "@/lib/help-center/list-articles";

/** What the editor offers to choose from: categories, authors, and articles to link as translations. */
export async function loadEditorOptions(ctx: AccountContext, portal: Portal) {
  const db = getDb();
  const [categories, agents, articles] = await Promise.all([
    listCategories(db, ctx.actor, ctx.accountId, portal.slug),
    listAgents(db, ctx.actor, ctx.accountId),
    listArticles(db, ctx.actor, ctx.accountId, portal.slug, { perPage: 100 }),
  ]);
  return {
    categories: categories.map(({ category: c }) => ({ id: c.id, name: c.name, locale: c.locale })),
    authors: agents.map((a) => ({ id: a.id, name: a.displayName || a.name })),
    translations: articles.items.map((i) => ({ id: i.article.id, name: i.article.title, locale: i.article.locale })),
  };
}
