import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as search from "@/app/api/v1/accounts/[account_id]/contacts/search/route";
import * as contactsRoute from "@/app/api/v1/accounts/[account_id]/contacts/route";
import { userActor } from "@/lib/auth/actor";
import { contactPageQueries, contactSearchFilter, listContacts, searchContacts, searchPageQuery } from "@/lib/contacts/contacts";
import * as f from "../../factories";
import { call } from "../api/call";
import { getSql } from "@/db/client";
import { useTestDatabase } from "../../support/db";

/**
 * Contact search at size: the match count stops at a cap instead of counting every match, and the
 * statements searchContacts issues are served by the trigram indexes (dropping one fails here),
 * with enough rows for the planner to prefer an index to a sequential scan (enable_seqscan stays on).
 */
const db = useTestDatabase();
const CONTACTS = 20_000;

let accountId = 0;
let adminId = 0;
let token = "";

type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };

async function indexesUsed(query: { toSQL: () => { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql: text, params } = query.toSQL();
  const rows = await getSql().unsafe(`explain (format json) ${text}`, params as never[]);
  const names: string[] = [];
  const walk = (n: PlanNode) => {
    if (n["Index Name"]) names.push(n["Index Name"]);
    n.Plans?.forEach(walk);
  };
  walk((rows[0] as unknown as { "QUERY PLAN": [{ Plan: PlanNode }] })["QUERY PLAN"][0].Plan);
  return names;
}

const run = (where: SQL | undefined) => contactPageQueries(db(), accountId, where, 1, "-last_activity_at");

beforeAll(async () => {
  const w = await f.createWorkspace(db());
  accountId = w.account.id;
  adminId = w.admin.id;
  token = w.admin.apiAccessToken;
  // Everyone is "Acme"-something, so a search for "acme" matches more than the count cap.
  await db().execute(sql`
    insert into contacts (account_id, name, email, phone_number, identifier, last_activity_at)
    select ${accountId}, 'Acme Customer ' || g, 'customer' || g || '@acme' || (g % 50) || '.test', '+4420' || lpad(g::text, 7, '0'),
           case when g % 2 = 0 then 'crm-' || g end, now() - g * interval '1 minute'
    from generate_series(1, ${CONTACTS}) g`);
  const other = await f.createWorkspace(db());
  await db().execute(sql`
    insert into contacts (account_id, name, email)
    select ${other.account.id}, 'Other ' || g, 'other' || g || '@elsewhere.test' from generate_series(1, 1000) g`);
  await db().execute(sql`vacuum analyze contacts`);
}, 60_000);

describe("contact search at size", () => {
  it("stops counting at 1,000 matches and says so, in the domain and the API", async () => {
    const wide = await searchContacts(db(), userActor(adminId), accountId, { q: "acme" });
    expect(wide).toMatchObject({ count: 1000, countCapped: true });
    expect(wide.contacts).toHaveLength(15);
    expect(wide.contacts[0].name).toBe("Acme Customer 1"); // most recent activity first

    const narrow = await searchContacts(db(), userActor(adminId), accountId, { q: "customer19999@" });
    expect(narrow).toMatchObject({ count: 1, countCapped: false });
    expect(narrow.contacts.map((c) => c.email)).toEqual(["customer19999@acme49.test"]);

    const api = await call(search.GET, { token, params: { account_id: accountId }, query: { q: "acme" } });
    expect(api.status).toBe(200);
    expect(api.body.meta).toEqual({ count: 1000, current_page: 1 });
    expect(api.body.payload).toHaveLength(15);

    // The plain list counts every contact a client can page to (1,000 pages of 15).
    const list = await listContacts(db(), userActor(adminId), accountId);
    expect(list).toMatchObject({ count: 15_000, countCapped: true });
    const listed = await call(contactsRoute.GET, { token, params: { account_id: accountId } });
    expect(listed.body.meta.count).toBe(15_000);
  });

  it("gives the same pages and counts as counting and ordering every match, under the cap, past it and beyond the last page", async () => {
    // 400 matches (every 50th contact) on 27 pages, ordered by name.
    const actor = userActor(adminId);
    const q = "@acme1.test";
    const everyMatch = await db().execute<{ id: number }>(
      sql`select id from contacts where account_id = ${accountId} and email ilike ${"%" + q + "%"} order by name asc nulls last, id desc nulls last`,
    );
    const expected = everyMatch.map((r) => Number(r.id));
    const pages: number[] = [];
    expect(expected).toHaveLength(400);
    for (let page = 1; page <= 28; page++) {
      const result = await searchContacts(db(), actor, accountId, { q, page, sort: "name" });
      expect(result).toMatchObject({ count: expected.length, countCapped: false, page });
      pages.push(...result.contacts.map((c) => c.id));
    }
    expect(pages).toEqual(expected);
    // Past the cap the order is still over every match: the most recent "acme" contact first.
    const wide = await searchContacts(db(), actor, accountId, { q: "acme", page: 2 });
    expect(wide).toMatchObject({ count: 1000, countCapped: true });
    expect(wide.contacts[0].name).toBe("Acme Customer 16");
    expect((await searchContacts(db(), actor, accountId, { q: "no such contact" })).count).toBe(0);
  });

  it("matches one- and two-character terms at the start of a field", async () => {
    const ids = async (q: string) => (await searchContacts(db(), userActor(adminId), accountId, { q })).count;
    expect(await ids("ac")).toBe(1000); // "Acme …": capped
    expect(await ids("cu")).toBe(1000); // "customer…@…"
    expect(await ids("me")).toBe(0); // inside "Acme", not at the start
    expect(await ids("+4")).toBe(1000);
    expect(await ids("%")).toBe(0); // a literal percent sign, not a wildcard
  });

  it("serves search statements from the trigram indexes", async () => {
    const trigram = (names: string[]) => names.filter((n) => n.endsWith("_trgm_idx"));
    // A rare term: the count reads the trigram indexes, not the table; the page an index too
    // (at this size the planner may walk the activity index and stop after 15 rows instead).
    for (const q of ["customer19999@", "crm-19998", "+44200019997", "Customer 19996"]) {
      const { rows, count } = run(contactSearchFilter(q));
      expect(await indexesUsed(rows), `page for ${q}`).not.toEqual([]);
      expect(trigram(await indexesUsed(count)), `count for ${q}`).not.toEqual([]);
    }
    // The four fields are OR'ed: without an index on any one of them the planner must read the table.
    expect(trigram(await indexesUsed(run(contactSearchFilter("customer19999")).count)).sort()).toEqual([
      "contacts_email_trgm_idx",
      "contacts_identifier_trgm_idx",
      "contacts_name_trgm_idx",
      "contacts_phone_number_trgm_idx",
    ]);
    // The one-statement form of a search (page and count together) reads them too.
    for (const q of ["customer19999@", "Customer 19996", "zq"]) {
      expect(trigram(await indexesUsed(searchPageQuery(db(), accountId, contactSearchFilter(q)!, 1, "-last_activity_at"))), `one statement for ${q}`).not.toEqual([]);
    }
    // A prefix term too.
    expect(trigram(await indexesUsed(run(contactSearchFilter("zq")).count))).not.toEqual([]);
  });

  it("matches an address-like term as a substring, by the reversed local part's btree instead of the email trigram index", async () => {
    // Addresses whose local part ends with the term's, and one with the term in its domain only.
    await db().execute(sql`
      insert into contacts (account_id, name, email) values
        (${accountId}, 'Vip', 'vip.customer123@acme23.test'), (${accountId}, 'Upper', 'Big.CUSTOMER123@ACME23.test'),
        (${accountId}, 'Near', 'customer123@acme23x.test'), (${accountId}, 'Domain', 'x@customer123.test')`);
    const actor = userActor(adminId);
    for (const q of ["customer123@", "Customer123@acme23", "r123@acme23.t", "ustomer123@acme23x", "omer19999@ACME49.TEST", "123@"]) {
      const plain = await db().execute<{ id: number }>(
        sql`select id from contacts where account_id = ${accountId} and (email ilike ${"%" + q + "%"} or name ilike ${"%" + q + "%"}) order by id`,
      );
      const found = await searchContacts(db(), actor, accountId, { q, sort: "name" });
      expect(found.count, q).toBe(Math.min(plain.length, 1000));
      if (plain.length <= 15) expect(found.contacts.map((c) => c.id).sort((a, b) => a - b), q).toEqual(plain.map((r) => Number(r.id)));
    }
    expect((await searchContacts(db(), actor, accountId, { q: "customer123@" })).contacts.map((c) => c.email).sort()).toEqual([
      "Big.CUSTOMER123@ACME23.test",
      "customer123@acme23.test",
      "customer123@acme23x.test",
      "vip.customer123@acme23.test",
    ]);
    const used = await indexesUsed(searchPageQuery(db(), accountId, contactSearchFilter("customer19999@")!, 1, "-last_activity_at"));
    expect(used).toContain("contacts_email_local_reversed_idx");
    expect(used).not.toContain("contacts_email_trgm_idx");
    await db().execute(sql`delete from contacts where account_id = ${accountId} and name in ('Vip', 'Upper', 'Near', 'Domain')`);
  });

  it("reads the plain list in index order", async () => {
    expect(await indexesUsed(run(undefined).rows)).toContain("contacts_account_activity_idx");
  });
});
