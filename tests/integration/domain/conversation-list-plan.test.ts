import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { conversationSummariesQuery } from "@/db/queries/conversation-summaries";
import { messagesQuery } from "@/db/queries/messages";
import { pageClause, tabCountsQuery } from "@/lib/conversations/list-conversations";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { vacuumUntilAllVisible } from "../../support/vacuum";

/**
 * The conversation list must stay an index walk as data grows: with tens of thousands of rows,
 * PostgreSQL should read the list indexes in order and stop after a page, never scan and sort
 * the account's conversations. This seeds enough rows for the planner to care, VACUUMs and
 * ANALYZEs, and checks the plans of the queries listConversations issues.
 */
const db = useTestDatabase();
const CONVERSATIONS = 30_000;

let accountId = 0;
let inboxIds: number[] = [];
let agentId = 0;
let busyConversationId = 0;

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Scan Direction"?: string; Plans?: PlanNode[] };

async function plan(query: SQL): Promise<PlanNode[]> {
  const rows = await db().execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql`explain (format json) ${query}`);
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(walk);
  };
  walk(rows[0]["QUERY PLAN"][0].Plan);
  return nodes;
}

const onConversations = (nodes: PlanNode[]) => nodes.filter((n) => n["Relation Name"] === "conversations");

beforeAll(async () => {
  const w = await f.createWorkspace(db());
  accountId = w.account.id;
  agentId = w.agent.id;
  const more = [await f.createInbox(db(), accountId), await f.createInbox(db(), accountId)];
  inboxIds = [w.inbox.id, ...more.map((i) => i.id)];
  const other = await f.createWorkspace(db());
  await db().execute(sql`
    insert into contacts (account_id, name, email)
    select ${accountId}, 'Contact ' || g, 'c' || g || '@x.test' from generate_series(1, 2000) g`);
  await db().execute(sql`
    insert into conversations (account_id, inbox_id, display_id, contact_id, status, assignee_id, last_activity_at)
    select ${accountId},
           (array[${sql.join(inboxIds.map((i) => sql`${i}::int`), sql`, `)}])[1 + g % 3],
           g,
           (select min(id) from contacts where account_id = ${accountId}) + g % 2000,
           (array['open','pending','resolved','snoozed'])[1 + (g / 7) % 4]::conversation_status,
           case when g % 5 = 0 then ${agentId}::int when g % 5 = 1 then ${w.admin.id}::int end,
           now() - (g || ' minutes')::interval
    from generate_series(1, ${CONVERSATIONS}) g`);
  // Another tenant with as many rows, so the account column is selective as in production.
  await db().execute(sql`
    insert into contacts (account_id, name) values (${other.account.id}, 'Other')`);
  await db().execute(sql`
    insert into conversations (account_id, inbox_id, display_id, contact_id, status, last_activity_at)
    select ${other.account.id}, ${other.inbox.id}, g, (select max(id) from contacts where account_id = ${other.account.id}), 'open', now()
    from generate_series(1, ${CONVERSATIONS}) g`);
  await db().execute(sql`
    insert into messages (account_id, inbox_id, conversation_id, message_type, content, created_at)
    select c.account_id, c.inbox_id, c.id, (array['incoming','outgoing'])[1 + m % 2]::message_type, 'hello ' || m, c.last_activity_at
    from conversations c cross join generate_series(1, 3) m where c.account_id = ${accountId}`);
  // Seeded rows bypassed the account's numbering; move it past them as a real import would.
  await db().execute(sql`update accounts set last_conversation_display_id = ${CONVERSATIONS} where id = ${accountId}`);
  const busy = await f.createConversation(db(), accountId, inboxIds[0]);
  busyConversationId = busy.id;
  await db().execute(sql`
    insert into messages (account_id, inbox_id, conversation_id, message_type, content, sender_type, sender_id)
    select ${accountId}, ${inboxIds[0]}, ${busy.id}, 'incoming', 'busy ' || g, 'contact', ${busy.contactId}
    from generate_series(1, 5000) g`);
  // The tab counts' index-only scans need the visibility map complete (tests/support/vacuum.ts).
  await vacuumUntilAllVisible(db(), "conversations");
}, 120_000);

describe("conversation list query plans", () => {
  const base = () => [eq(conversations.accountId, accountId), eq(conversations.status, "open")];

  it("walks conversations_list_idx for an administrator's first and deep page", async () => {
    for (const page of [1, 200]) {
      const nodes = onConversations(await plan(conversationSummariesQuery(accountId, and(...base()) ?? sql`true`, pageClause(page))));
      // One ordered index walk that stops after the page: no bitmap scan, no sort of the account's rows.
      expect(nodes.map((n) => [n["Node Type"], n["Index Name"]])).toEqual([["Index Scan", "conversations_list_idx"]]);
    }
  });

  it("walks an index for the Mine tab and the inbox filter", async () => {
    const mine = onConversations(await plan(conversationSummariesQuery(accountId, and(...base(), eq(conversations.assigneeId, agentId)) ?? sql`true`, pageClause(1))));
    expect(mine.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(mine.some((n) => /conversations_(assignee_)?list_idx/.test(n["Index Name"] ?? ""))).toBe(true);

    const inbox = onConversations(await plan(conversationSummariesQuery(accountId, and(...base(), eq(conversations.inboxId, inboxIds[1])) ?? sql`true`, pageClause(1))));
    expect(inbox.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(inbox.some((n) => /conversations_(inbox_)?list_idx/.test(n["Index Name"] ?? ""))).toBe(true);
  });

  it("walks an index for an agent who belongs to some inboxes", async () => {
    const filter = and(...base(), inArray(conversations.inboxId, inboxIds.slice(0, 2))) ?? sql`true`;
    const nodes = onConversations(await plan(conversationSummariesQuery(accountId, filter, pageClause(1))));
    expect(nodes.map((n) => n["Node Type"])).not.toContain("Seq Scan");
  });

  it("counts the tabs from the indexes alone", async () => {
    const nodes = onConversations(await plan(tabCountsQuery(base(), agentId)));
    expect(nodes.map((n) => n["Node Type"])).toEqual(["Index Only Scan", "Index Only Scan", "Index Only Scan"]);
  });

  it("reads a page of a long thread backwards from messages_conversation_idx, without sorting", async () => {
    for (const options of [{ limit: 20 }, { limit: 20, beforeId: 1_000_000_000 }]) {
      const nodes = await plan(sql`${messagesQuery(db(), accountId, busyConversationId, options)}`);
      const onMessages = nodes.filter((n) => n["Relation Name"] === "messages");
      expect(onMessages.map((n) => [n["Node Type"], n["Index Name"], n["Scan Direction"]])).toEqual([["Index Scan", "messages_conversation_idx", "Backward"]]);
      expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
    }
  });
});
