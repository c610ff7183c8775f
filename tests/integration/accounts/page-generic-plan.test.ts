import { describe, expect, it, vi } from "vitest";
import { getGenericPlanSql } from "@/db/client";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

// The loaders are server-only modules; here they run in Node as the server would run them.
vi.mock("server-only", () => ({}));

const { accountContextFor } = await import("@/app/_server/account-context");
const { loadAccountLayout } = await import("@/app/(dashboard)/app/accounts/[accountId]/load-layout");
const { loadConversationsScreen } = await import("@/app/(dashboard)/app/accounts/[accountId]/_conversations/load-screen");

/**
 * A list page's batched read (the page, the tab counts, the sidebar's counters, the Mentions count,
 * the bell) is planned once per connection, not on every page: PostgreSQL spent about four times
 * its execution planning it (scripts/benchmarks/inbox-explain.ts). Its plan does not depend on the
 * values, so it runs with its generic plan; a filtered list keeps plans made for its values.
 */
const db = useTestDatabase();

async function batchPlans(): Promise<{ generic: number; custom: number }> {
  const sql = getGenericPlanSql();
  // Every connection of the pool (3): a page's rows and its small reads go out side by side
  // (lib/request-batch.ts, the "page" lane), so either may have run on any of them.
  const connections = [await sql.reserve(), await sql.reserve(), await sql.reserve()];
  try {
    let generic = 0;
    let custom = 0;
    for (const c of connections) {
      const rows = await c<{ generic_plans: number; custom_plans: number }[]>`
        select generic_plans::int, custom_plans::int from pg_prepared_statements where statement like '%json_agg(s)%' and statement not like '%pg_prepared_statements%'`;
      for (const r of rows) {
        generic += r.generic_plans;
        custom += r.custom_plans;
      }
    }
    return { generic, custom };
  } finally {
    for (const c of connections) c.release();
  }
}

describe("the list page's batched read and its plan", () => {
  it("runs with its generic plan, page after page, and shows the same list and counts", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, assigneeId: w.agent.id });
    await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id });
    for (let i = 0; i < 8; i++) {
      const ctx = await accountContextFor({ actor: { kind: "user", userId: w.agent.id }, userId: w.agent.id }, String(w.account.id));
      const [layout, screen] = await Promise.all([loadAccountLayout(ctx), loadConversationsScreen(ctx, { accountId: String(w.account.id) }, {})]);
      expect(screen.list.conversations).toHaveLength(1); // the Mine tab, the default
      expect(screen.list.meta).toEqual({ mineCount: 1, unassignedCount: 1, allCount: 2 });
      expect(layout.counts.views.all.total).toBe(2);
    }
    const plans = await batchPlans();
    expect(plans.custom).toBe(0);
    expect(plans.generic).toBeGreaterThan(0);
  });
});
