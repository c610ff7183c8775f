import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { systemActor, userActor } from "@/lib/auth/actor";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

/**
 * A label change (a person's, or a rule's add_label: the firing most rules make) is two large
 * statements, the label write and the conversation's summary. Sent unnamed, PostgreSQL planned
 * them at every change (about 1 and 4–7 ms of its CPU, 10–20 times their execution); as named
 * prepared statements a connection plans them a few times, then runs its cached generic plan.
 */
const db = useTestDatabase();

describe("a label change's statements", () => {
  it("are planned once per connection, not at every change", async () => {
    const w = await f.createWorkspace(db());
    for (const title of ["billing", "vip"]) await createLabel(db(), userActor(w.admin.id), w.account.id, { title });
    const conversations = await Promise.all(Array.from({ length: 8 }, () => f.createConversation(db(), w.account.id, w.inbox.id)));

    // One transaction holds one connection: eight rule firings on it, then what it has prepared.
    const prepared = await db().transaction(async (tx) => {
      for (const c of conversations) {
        const summary = await changeConversationLabels(tx, systemActor("rule", w.account.id), w.account.id, c.displayId, { add: ["vip"] });
        expect(summary.labels).toEqual(["vip"]);
      }
      return tx.execute<{ statement: string; generic_plans: number }>(sql`select statement, generic_plans from pg_prepared_statements`);
    });
    const plansOf = (pattern: RegExp) => prepared.filter((p) => pattern.test(p.statement)).map((p) => Number(p.generic_plans));
    // The label write and the summary each ran the cached generic plan once past PostgreSQL's five custom plans.
    expect(plansOf(/insert into conversation_labels/)).toEqual([3]);
    expect(plansOf(/select c\.id, c\.account_id, c\.display_id, c\.uuid/)).toEqual([3]);
  });

  it("send their deferred writes (activity line, event for rules) as one statement prepared once per connection", async () => {
    const w = await f.createWorkspace(db());
    await createLabel(db(), userActor(w.admin.id), w.account.id, { title: "vip" });
    const conversations = await Promise.all(Array.from({ length: 4 }, () => f.createConversation(db(), w.account.id, w.inbox.id)));

    const prepared = await db().transaction(async (tx) => {
      for (const c of conversations) await changeConversationLabels(tx, userActor(w.admin.id), w.account.id, c.displayId, { add: ["vip"] });
      return tx.execute<{ statement: string; executions: number }>(sql`select statement, generic_plans + custom_plans as executions from pg_prepared_statements`);
    });
    // Unnamed, each change's writes would be described (a round trip of its own) and planned again.
    const writes = prepared.filter((p) => /insert into "messages"/.test(p.statement));
    expect(writes.map((p) => Number(p.executions))).toEqual([4]);
  });
});
