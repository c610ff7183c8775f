import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationSummariesQuery } from "@/db/queries/conversation-summaries";
import { userActor } from "@/lib/auth/actor";
import { conversationAttribute } from "@/lib/conversations/filter/conversation-attributes";
import { compileFilter, type FilterCondition } from "@/lib/conversations/filter/payload";
import { CONVERSATION_SORTS, sortClauses, type ConversationSort } from "@/lib/conversations/filter/sort";
import { pageClause } from "@/lib/conversations/list-conversations";
import { createTeam } from "@/lib/teams/teams";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

/**
 * Every sort order and the standard filters must be an index walk that stops after a page, never
 * a scan and sort of the account's conversations. Seeds enough rows (with priorities, waiting
 * times, teams and labels) for the planner to care, ANALYZEs, and reads the plans of the very
 * statement the list and POST /conversations/filter run. bench:inbox --explain does the same at 1M.
 */
const db = useTestDatabase();
const N = 30_000;
let accountId = 0;

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

async function conversationScans(query: SQL): Promise<PlanNode[]> {
  const rows = await db().execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql`explain (format json) ${query}`);
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(walk);
  };
  walk(rows[0]["QUERY PLAN"][0].Plan);
  return nodes.filter((n) => n["Relation Name"] === "conversations");
}

const page = (conditions: FilterCondition[], sort: ConversationSort = "last_activity_at_desc") => {
  const order = sortClauses(sort);
  return conversationSummariesQuery(accountId, compileFilter(conditions, conversationAttribute), pageClause(1, order.inner), order.outer);
};
const open: FilterCondition = { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" };

beforeAll(async () => {
  const w = await f.createWorkspace(db());
  accountId = w.account.id;
  const team = await createTeam(db(), userActor(w.admin.id), accountId, { name: "Sales" });
  const other = await f.createWorkspace(db());
  await db().execute(sql`insert into contacts (account_id, name) select ${accountId}, 'C' || g from generate_series(1, 1000) g`);
  await db().execute(sql`
    insert into conversations (account_id, inbox_id, display_id, contact_id, status, priority, assignee_id, team_id, waiting_since, created_at, last_activity_at)
    select ${accountId}, ${w.inbox.id}, g, (select min(id) from contacts where account_id = ${accountId}) + g % 1000,
           (array['open','pending','resolved','snoozed'])[1 + (g / 7) % 4]::conversation_status,
           (array['urgent','high','medium','low'])[1 + g % 5]::conversation_priority,
           case when g % 5 = 0 then ${w.agent.id}::int end,
           case when g % 50 = 0 then ${team.id}::int end,
           case when g % 3 = 0 then now() - (g || ' minutes')::interval end,
           now() - (g || ' hours')::interval, now() - (g || ' minutes')::interval
    from generate_series(1, ${N}) g`);
  await db().execute(sql`insert into contacts (account_id, name) values (${other.account.id}, 'Other')`);
  await db().execute(sql`
    insert into conversations (account_id, inbox_id, display_id, contact_id, status, last_activity_at)
    select ${other.account.id}, ${other.inbox.id}, g, (select max(id) from contacts where account_id = ${other.account.id}), 'open', now()
    from generate_series(1, ${N}) g`);
  await db().execute(sql`insert into labels (account_id, title) values (${accountId}, 'vip')`);
  await db().execute(sql`
    insert into conversation_labels (account_id, conversation_id, label_id)
    select account_id, id, (select id from labels where account_id = ${accountId}) from conversations where account_id = ${accountId} and display_id % 40 = 0`);
  await db().execute(sql`vacuum analyze`);
}, 180_000);

describe("filter and sort plans", () => {
  it("walks the index built for each sort order, with no sequential scan", async () => {
    const expected: Record<ConversationSort, string> = {
      last_activity_at_desc: "conversations_list_idx",
      last_activity_at_asc: "conversations_list_idx",
      created_at_desc: "conversations_created_list_idx",
      created_at_asc: "conversations_created_list_idx",
      priority_desc: "conversations_status_priority_idx",
      priority_asc: "conversations_status_priority_idx",
      waiting_since_asc: "conversations_waiting_list_idx",
      waiting_since_desc: "conversations_waiting_list_idx",
    };
    for (const sort of CONVERSATION_SORTS) {
      const scans = await conversationScans(page([open], sort));
      expect(scans.map((n) => [n["Node Type"], n["Index Name"]]), sort).toEqual([["Index Scan", expected[sort]]]);
    }
  });

  it("walks an index in the created and activity orders over every status (status=all), with no sort", async () => {
    const expected: Partial<Record<ConversationSort, string>> = {
      last_activity_at_desc: "conversations_activity_idx",
      created_at_desc: "conversations_created_idx",
      created_at_asc: "conversations_created_idx",
    };
    for (const [sort, index] of Object.entries(expected)) {
      const order = sortClauses(sort as ConversationSort);
      const scans = await conversationScans(conversationSummariesQuery(accountId, sql`true`, pageClause(1, order.inner), order.outer));
      expect(scans.map((n) => [n["Node Type"], n["Index Name"]]), sort).toEqual([["Index Scan", index]]);
    }
  });

  it("serves the standard filters from an index", async () => {
    const filters: FilterCondition[] = [
      { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] },
      { attribute_key: "assignee_id", filter_operator: "is_not_present", values: [] },
      { attribute_key: "team_id", filter_operator: "equal_to", values: [1] },
      { attribute_key: "labels", filter_operator: "equal_to", values: ["vip"] },
      { attribute_key: "created_at", filter_operator: "days_before", values: [10] },
      { attribute_key: "last_activity_at", filter_operator: "is_greater_than", values: ["2000-01-01"] },
    ];
    for (const c of filters) {
      const scans = await conversationScans(page([open, c]));
      expect(scans.map((n) => n["Node Type"]), c.attribute_key).not.toContain("Seq Scan");
      expect(scans.every((n) => (n["Index Name"] ?? "").startsWith("conversations_")), c.attribute_key).toBe(true);
    }
  });
});
