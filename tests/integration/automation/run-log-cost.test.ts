import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as runsRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/runs/route";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import { automationEvents, automationRuleRuns } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { KEEP_RUNS_PER_RULE, pruneAutomationLog } from "@/lib/automation/prune";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

async function setup(ruleCount: number) {
  const w = await f.createWorkspace(db());
  await createLabel(db(), userActor(w.admin.id), w.account.id, { title: "invoice" });
  const contact = await f.createContact(db(), w.account.id, { email: "jane@customer.example", name: "Jane" });
  const params = { account_id: w.account.id };
  const ruleIds: number[] = [];
  for (let i = 0; i < ruleCount; i++) {
    const r = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params,
      body: {
        name: `Rule ${i}`,
        event_name: "message_created",
        conditions: [{ attribute_key: "content", filter_operator: "contains", values: [i === 0 ? "invoice" : `word${i}`], query_operator: null }],
        actions: [{ action_name: "add_label", action_params: ["invoice"] }],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ruleIds.push(r.body.id);
  }
  const conversation = (content: string) => createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content, messageType: "incoming" } });
  const runs = async (ruleId: number) => (await call(runsRoute.GET, { token: w.admin.apiAccessToken, params: { ...params, id: ruleId } })).body.payload as { outcome: string; summary: string; event_id: number }[];
  const runRows = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(automationRuleRuns).where(eq(automationRuleRuns.accountId, w.account.id)))[0].n;
  return { ...w, ruleIds, conversation, runs, runRows };
}

describe("automation run log cost", () => {
  it("writes a run row only for rules that fire; the run log still says why the others did not, newest first", async () => {
    const s = await setup(20);
    const hit = await s.conversation("Your invoice is attached");
    const miss = await s.conversation("hello there");
    await processPendingAutomationEvents(db(), s.account.id);

    // One firing (rule 0 on the invoice mail), not 20 rules x 2 events of rows.
    expect(await s.runRows()).toBe(1);
    expect((await s.runs(s.ruleIds[0])).map((r) => r.summary)).toEqual([
      `did not fire on #${miss.displayId} because: content does not contain invoice`,
      `fired on #${hit.displayId}: conditions matched: content contains invoice; actions done: add_label`,
    ]);
    expect((await s.runs(s.ruleIds[7])).map((r) => r.summary)).toEqual([
      `did not fire on #${miss.displayId} because: content does not contain word7`,
      `did not fire on #${hit.displayId} because: content does not contain word7`,
    ]);
  });

  it("the daily sweep deletes runs and events past the retention, keeping each rule's last runs and what a dry run replays", async () => {
    const s = await setup(1);
    const [ruleId] = s.ruleIds;
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    const recent = new Date(Date.now() - 1 * 24 * 60 * 60 * 1000);
    const total = KEEP_RUNS_PER_RULE + 30;
    const events = await db()
      .insert(automationEvents)
      .values(Array.from({ length: total + 250 }, (_, i) => ({ accountId: s.account.id, eventKey: `old_${i}`, eventName: "message_created", processedAt: old, createdAt: i < total + 240 ? old : recent })))
      .returning({ id: automationEvents.id });
    await db()
      .insert(automationRuleRuns)
      .values(Array.from({ length: total }, (_, i) => ({ accountId: s.account.id, ruleId, eventId: events[i].id, outcome: "fired" as const, reason: "old", createdAt: i < total - 5 ? old : recent })));

    const pruned = await pruneAutomationLog(db(), new Date(), 30);
    expect(pruned.runs).toBe(total - KEEP_RUNS_PER_RULE);
    const left = await db().select({ eventId: automationRuleRuns.eventId }).from(automationRuleRuns).where(and(eq(automationRuleRuns.accountId, s.account.id), eq(automationRuleRuns.ruleId, ruleId)));
    expect(left).toHaveLength(KEEP_RUNS_PER_RULE);
    expect(Math.min(...left.map((r) => r.eventId))).toBe(events[total - KEEP_RUNS_PER_RULE].id);
    // The 10 recent events stay, and the newest 200 of the kind whatever their age (a dry run reads up to 200).
    const eventsLeft = await db().select({ id: automationEvents.id }).from(automationEvents).where(eq(automationEvents.accountId, s.account.id));
    expect(eventsLeft).toHaveLength(200);
    expect(pruned.events).toBe(total + 250 - 200);
    expect(await pruneAutomationLog(db(), new Date(), 30)).toEqual({ runs: 0, events: 0 });
  });
});
