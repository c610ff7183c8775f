import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { articles } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { findPublicPortal, searchArticles } from "@/lib/help-center/public";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/**
 * The public search's cost (issue 11 item 9): a common word matches most articles, so the search
 * must not rank every match on its full-body vector, must compute snippets for the page's rows
 * only, and must reach the rows through the indexes. Checked on the plans of the queries that
 * searchArticles really sends, run with EXPLAIN ANALYZE.
 */
const db = useTestDatabase();
const BODY_ONLY = 300;

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number; Output?: string[]; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

async function setup() {
  const w = await factories.createWorkspace(db());
  const portal = await hc.createPortal(db(), w.account.id, { name: "Billing Help", allowedLocales: ["en"], defaultLocale: "en" });
  for (const title of ["Invoice basics", "Download an invoice", "Invoice currency"]) await hc.createArticle(db(), portal, { title, description: "Money matters" });
  for (const description of ["Where each invoice goes", "Correcting an invoice"]) await hc.createArticle(db(), portal, { title: `Billing ${description.length}`, description });
  await hc.createArticle(db(), portal, { title: "Invoice drafts", status: "draft" });
  await db().insert(articles).values(Array.from({ length: BODY_ONLY }, (_, i) => ({
    accountId: portal.accountId, portalId: portal.id, locale: "en", title: `Billing topic ${i}`, slug: `billing-${i}`,
    description: "About payments", content: `Every month we send an invoice. ${"Payment terms and dates. ".repeat(40)}`, status: "published" as const,
  })));
  await db().execute(sql`analyze articles`);
  const live = await findPublicPortal(db(), { slug: portal.slug });
  return live!;
}

/** Runs the search with a recording db, then EXPLAIN ANALYZEs each query it sent (sequential scans disallowed). */
async function planSearch(portal: NonNullable<Awaited<ReturnType<typeof findPublicPortal>>>, query: string) {
  const sent: SQL[] = [];
  const dialect = new PgDialect();
  // Records the statements sent through the db and through any transaction opened on it.
  const record = (target: DbOrTx): DbOrTx => new Proxy(target, {
    get: (t, key, receiver) => {
      if (key === "execute") return (q: SQL) => (dialect.sqlToQuery(q).sql.includes("articles") && sent.push(q), t.execute(q));
      if (key === "transaction") return (fn: (tx: DbOrTx) => Promise<unknown>) => t.transaction((tx) => fn(record(tx)));
      return Reflect.get(t, key, receiver);
    },
  });
  const recording = record(db());
  const hits = await searchArticles(recording, portal, "en", query);
  const plans = await inTransaction(db(), async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const out: PlanNode[] = [];
    for (const q of sent) {
      const [row] = await tx.execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql`EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) ${q}`);
      out.push(...nodes(row["QUERY PLAN"][0].Plan));
    }
    return out;
  });
  const maxRows = (expression: string) => Math.max(0, ...plans.filter((n) => n.Output?.some((o) => o.includes(expression))).map((n) => n["Actual Rows"] * n["Actual Loops"]));
  return { hits, plans, maxRows };
}

describe("public help center search cost", () => {
  it("ranks title over description over body, and keeps drafts out, without ranking every body match or scanning the table", async () => {
    const portal = await setup();
    const { hits, plans, maxRows } = await planSearch(portal, "invoice");
    expect(hits).toHaveLength(20);
    expect(hits.slice(0, 3).map((h) => h.title).sort()).toEqual(["Download an invoice", "Invoice basics", "Invoice currency"]);
    expect(hits.slice(3, 5).map((h) => h.description).sort()).toEqual(["Correcting an invoice", "Where each invoice goes"]);
    expect(hits.slice(5).every((h) => h.title.startsWith("Billing topic"))).toBe(true);
    expect(hits.some((h) => h.title === "Invoice drafts")).toBe(false);
    expect(hits[5].snippetHtml).toContain("<mark>invoice</mark>");

    expect(plans.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "articles")).toEqual([]);
    // At most 200 body candidates are ranked on the full vector (the 300 body matches are not all ranked)...
    expect(maxRows("ts_rank(a.search_vector")).toBeLessThanOrEqual(200);
    // ...and snippets (ts_headline reads the whole body) are made for the page's 20 rows only.
    expect(maxRows("ts_headline(")).toBeGreaterThan(0);
    expect(maxRows("ts_headline(")).toBeLessThanOrEqual(20);
  });

  it("still forgives typos through the trigram index when full text finds nothing", async () => {
    const portal = await setup();
    const { hits, plans } = await planSearch(portal, "invoice curency");
    expect(hits[0]?.title).toBe("Invoice currency");
    expect(plans.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "articles")).toEqual([]);
  });
});
