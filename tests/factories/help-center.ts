import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { articles, categories, portals } from "@/db/schema";

/** Help-center rows inserted directly (no domain rules), for tests of the public site and the API. */
const uid = () => randomBytes(4).toString("hex");

export async function createPortal(db: DbOrTx, accountId: number, overrides: Partial<typeof portals.$inferInsert> = {}) {
  const suffix = uid();
  const [row] = await db
    .insert(portals)
    .values({ accountId, name: `Portal ${suffix}`, slug: `portal-${suffix}`, allowedLocales: ["en"], defaultLocale: "en", ...overrides })
    .returning();
  return row;
}

export async function createCategory(
  db: DbOrTx,
  portal: { id: number; accountId: number },
  overrides: Partial<typeof categories.$inferInsert> = {},
) {
  const suffix = uid();
  const [row] = await db
    .insert(categories)
    .values({ accountId: portal.accountId, portalId: portal.id, locale: "en", name: `Category ${suffix}`, slug: `category-${suffix}`, ...overrides })
    .returning();
  return row;
}

/** A published article unless `status` says otherwise. */
export async function createArticle(
  db: DbOrTx,
  portal: { id: number; accountId: number },
  overrides: Partial<typeof articles.$inferInsert> = {},
) {
  const suffix = uid();
  const status = overrides.status ?? "published";
  const [row] = await db
    .insert(articles)
    .values({
      accountId: portal.accountId,
      portalId: portal.id,
      locale: "en",
      title: `Article ${suffix}`,
      slug: `article-${suffix}`,
      content: `Body of article ${suffix}.`,
      status,
      publishedAt: status === "published" ? new Date() : null,
      ...overrides,
    })
    .returning();
  return row;
}
