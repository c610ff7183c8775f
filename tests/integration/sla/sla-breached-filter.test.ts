import { sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as filterRoute from "@/app/api/v1/accounts/[account_id]/conversations/filter/route";
import * as policiesRoute from "@/app/api/v1/accounts/[account_id]/sla_policies/route";
import { conversationSummariesQuery } from "@/db/queries/conversation-summaries";
import { userActor } from "@/lib/auth/actor";
import { conversationAttribute } from "@/lib/conversations/filter/conversation-attributes";
import { compileFilter } from "@/lib/conversations/filter/payload";
import { sortClauses } from "@/lib/conversations/filter/sort";
import { pageClause } from "@/lib/conversations/list-conversations";
import { applySlaPolicy } from "@/lib/sla/apply";
import { sweepSlas } from "@/lib/sla/evaluate";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const at = (iso: string) => new Date(iso);

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

async function planNodes(query: SQL): Promise<PlanNode[]> {
  const rows = await db().execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql`explain (format json) ${query}`);
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(walk);
  };
  walk(rows[0]["QUERY PLAN"][0].Plan);
  return nodes;
}

describe("the 'SLA breached' filter (sla_breached)", () => {
  it("POST /conversations/filter with Chatwoot's payload finds the conversations that missed a target, and the others with not_equal_to", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const created = await call(policiesRoute.POST, { token: w.admin.apiAccessToken, params, body: { name: "Hour", first_response_time_threshold: 3600 } });
    const policyId = created.body.payload.id as number;
    const late = await f.createConversation(db(), w.account.id, w.inbox.id, { createdAt: at("2026-12-01T09:00:00Z") });
    const onTime = await f.createConversation(db(), w.account.id, w.inbox.id, { createdAt: at("2026-12-01T09:30:00Z") });
    const none = await f.createConversation(db(), w.account.id, w.inbox.id, { createdAt: at("2026-12-01T09:00:00Z") });
    for (const c of [late, onTime]) await applySlaPolicy(db(), userActor(w.admin.id), w.account.id, c.displayId, { slaPolicyId: policyId }, at("2026-12-01T09:45:00Z"));
    // 10:00 passes the first: its first response is missed; the second still has half an hour.
    expect((await sweepSlas(db(), at("2026-12-01T10:00:00Z"))).breaches).toBe(1);

    const filter = (payload: Record<string, unknown>[]) => call(filterRoute.POST, { token: w.agent.apiAccessToken, params, body: { payload } });
    const ids = (body: { payload: { id: number }[] }) => body.payload.map((c) => c.id).sort((a, b) => a - b);

    const breached = await filter([{ attribute_key: "sla_breached", filter_operator: "equal_to", values: [true] }]);
    expect(breached.status, JSON.stringify(breached.body)).toBe(200);
    expect(ids(breached.body)).toEqual([late.displayId]);
    expect(breached.body.meta.all_count).toBe(1);
    // The dashboard's options arrive as objects, strings or booleans alike.
    const asText = await filter([{ attribute_key: "sla_breached", filter_operator: "equal_to", values: ["true"], query_operator: "and" }, { attribute_key: "status", filter_operator: "equal_to", values: ["open"] }]);
    expect(ids(asText.body)).toEqual([late.displayId]);
    const notBreached = await filter([{ attribute_key: "sla_breached", filter_operator: "not_equal_to", values: [true] }]);
    expect(ids(notBreached.body)).toEqual([onTime.displayId, none.displayId].sort((a, b) => a - b));
    const falseValue = await filter([{ attribute_key: "sla_breached", filter_operator: "equal_to", values: [false] }]);
    expect(ids(falseValue.body)).toEqual([onTime.displayId, none.displayId].sort((a, b) => a - b));
    const bad = await filter([{ attribute_key: "sla_breached", filter_operator: "contains", values: ["x"] }]);
    expect(bad.status).toBe(422);
  });

  it("is served by the breached-SLA index, never a scan of the account's conversations", async () => {
    const w = await f.createWorkspace(db());
    const accountId = w.account.id;
    const N = 20_000;
    await db().execute(sql`insert into contacts (account_id, name) values (${accountId}, 'C')`);
    await db().execute(sql`
      insert into conversations (account_id, inbox_id, display_id, contact_id, status, created_at, last_activity_at)
      select ${accountId}, ${w.inbox.id}, g, (select min(id) from contacts where account_id = ${accountId}),
             (array['open','pending','resolved','snoozed'])[1 + (g / 7) % 4]::conversation_status,
             now() - (g || ' hours')::interval, now() - (g || ' minutes')::interval
      from generate_series(1, ${N}) g`);
    await db().execute(sql`insert into sla_policies (account_id, name, first_response_seconds) values (${accountId}, 'P', 60)`);
    // Every tenth conversation under the policy, one in a hundred of those breached.
    await db().execute(sql`
      insert into applied_slas (account_id, conversation_id, sla_policy_id, status, breached_at)
      select c.account_id, c.id, (select id from sla_policies where account_id = ${accountId}),
             case when c.display_id % 1000 = 0 then 'active_with_misses' else 'active' end::sla_status,
             case when c.display_id % 1000 = 0 then now() end
      from conversations c where c.account_id = ${accountId} and c.display_id % 10 = 0`);
    await db().execute(sql`vacuum analyze`);

    const order = sortClauses("last_activity_at_desc");
    const condition = compileFilter(
      [
        { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" },
        { attribute_key: "sla_breached", filter_operator: "equal_to", values: [true] },
      ],
      conversationAttribute,
    );
    const nodes = await planNodes(conversationSummariesQuery(accountId, condition, pageClause(1, order.inner), order.outer));
    const onConversations = nodes.filter((n) => n["Relation Name"] === "conversations");
    expect(onConversations.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    const onApplied = nodes.filter((n) => n["Relation Name"] === "applied_slas");
    expect(onApplied.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    // The breached conversations of the account first (a bitmap scan names the index, not the table).
    expect(nodes.map((n) => n["Index Name"])).toContain("applied_slas_breached_idx");
  }, 120_000);
});
