import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automationEvents, automationRuleRuns } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { fireRule } from "@/lib/automation/fire";
import { createRule } from "@/lib/automation/rules";
import { dryRunRule, listRuleRuns } from "@/lib/automation/run-log";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * What an evaluation writes per event: the claim is a lock held while the batch is judged, and
 * the event is written once at the end, marked evaluated with why the other rules did not fire.
 * A run that dies midway therefore leaves its events pending, and the next run evaluates them.
 */
const db = useTestDatabase();
const record = useWireRecording();

async function setup(ruleCount: number) {
  const w = await f.createWorkspace(db());
  const admin = userActor(w.admin.id);
  await createLabel(db(), admin, w.account.id, { title: "invoice" });
  const contact = await f.createContact(db(), w.account.id, { email: "jane@customer.example", name: "Jane" });
  const rules = [];
  for (let i = 0; i < ruleCount; i++) {
    rules.push(
      await createRule(db(), admin, w.account.id, {
        name: `Rule ${i}`,
        event_name: "message_created",
        conditions: [{ attribute_key: "content", filter_operator: "contains", values: [i === 0 ? "invoice" : `word${i}`], query_operator: null }],
        actions: [{ action_name: "add_label", action_params: ["invoice"] }],
      }),
    );
  }
  const conversation = (content: string) => createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content, messageType: "incoming" } });
  const pending = async () =>
    (await db().select({ processedAt: automationEvents.processedAt }).from(automationEvents).where(and(eq(automationEvents.accountId, w.account.id), eq(automationEvents.eventName, "message_created")))).filter(
      (e) => e.processedAt === null,
    ).length;
  return { ...w, admin, rules, conversation, pending };
}

describe("automation evaluation writes", () => {
  it("writes each event once per batch (evaluated, with why the rules did not fire), after locking the batch", async () => {
    const s = await setup(10);
    const hit = await s.conversation("Your invoice is attached");
    const miss = await s.conversation("hello there");

    const statements = await record(() => processPendingAutomationEvents(db(), s.account.id), { appOnly: true });
    const eventWrites = statements.filter((st) => /^\s*update "?automation_events"?\s/i.test(st.text));
    expect(eventWrites).toHaveLength(1);
    expect(statements.some((st) => /^\s*select .* from "automation_events" .*for update skip locked/is.test(st.text))).toBe(true);

    // A mail's attributes (its HTML and text three ways, its headers) are not read when no rule tests the sender or a header.
    const messageReads = statements.filter((st) => /^\s*select .* from "messages"/is.test(st.text));
    expect(messageReads.length).toBeGreaterThan(0);
    for (const st of messageReads) expect(st.text).not.toMatch(/content_attributes/);

    expect(await s.pending()).toBe(0);
    const log = await listRuleRuns(db(), s.admin, s.account.id, s.rules[3].id);
    expect(log.map((r) => r.summary)).toEqual([`did not fire on #${miss.displayId} because: content does not contain word3`, `did not fire on #${hit.displayId} because: content does not contain word3`]);
    expect((await listRuleRuns(db(), s.admin, s.account.id, s.rules[0].id)).map((r) => r.outcome)).toEqual(["not_matched", "fired"]);
    // The dry run still replays those events.
    expect((await dryRunRule(db(), s.admin, s.account.id, s.rules[0].id)).map((r) => [r.displayId, r.wouldFire])).toEqual([
      [miss.displayId, false],
      [hit.displayId, true],
    ]);
  });

  it("a run that dies midway leaves its events pending: the next run evaluates them, and nothing fires twice", async () => {
    const s = await setup(2);
    const first = await s.conversation("invoice one");
    const second = await s.conversation("invoice two");
    let calls = 0;
    // The process dies after the first firing's actions (its run row is written), before the second.
    const dying: typeof fireRule = async (...args) => {
      if (++calls === 2) throw new Error("process died");
      return fireRule(...args);
    };
    await expect(processPendingAutomationEvents(db(), s.account.id, { fire: dying })).rejects.toThrow("process died");
    expect(await s.pending()).toBe(2);

    expect(await processPendingAutomationEvents(db(), s.account.id)).toEqual({ events: 2, fired: 1 });
    expect(await s.pending()).toBe(0);
    const runs = await db()
      .select({ conversationId: automationRuleRuns.conversationId, outcome: automationRuleRuns.outcome })
      .from(automationRuleRuns)
      .where(eq(automationRuleRuns.ruleId, s.rules[0].id))
      .orderBy(asc(automationRuleRuns.id));
    expect(runs).toEqual([
      { conversationId: first.id, outcome: "fired" },
      { conversationId: second.id, outcome: "fired" },
    ]);
    // Why the other rule did not fire is in its log once per event.
    expect((await listRuleRuns(db(), s.admin, s.account.id, s.rules[1].id)).map((r) => r.displayId)).toEqual([second.displayId, first.displayId]);
  });
  it("a rule on the sender reads the mail's From and the rules' headers, never its bodies", async () => {
    const s = await setup(0);
    const rule = await createRule(db(), s.admin, s.account.id, {
      name: "Vendor",
      event_name: "message_created",
      conditions: [{ attribute_key: "sender_domain", filter_operator: "equal_to", values: ["customer.example"], query_operator: null }],
      actions: [{ action_name: "add_label", action_params: ["invoice"] }],
    });
    await s.conversation("hello");
    const statements = await record(() => processPendingAutomationEvents(db(), s.account.id), { appOnly: true });
    const messageReads = statements.filter((st) => /^\s*select .* from "messages"/is.test(st.text));
    expect(messageReads.length).toBeGreaterThan(0);
    for (const st of messageReads) expect(st.text.match(/"content_attributes"(?!\s*#>)/g)).toBeNull();
    expect((await listRuleRuns(db(), s.admin, s.account.id, rule.id)).map((r) => r.outcome)).toEqual(["fired"]);
  });
  it("a new conversation's two events (created, first message) read that message once, and both kinds of rule judge it", async () => {
    const s = await setup(1);
    const opened = await createRule(db(), s.admin, s.account.id, {
      name: "New invoice conversations",
      event_name: "conversation_created",
      conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["invoice"], query_operator: null }],
      actions: [{ action_name: "add_label", action_params: ["invoice"] }],
    });
    const hit = await s.conversation("An invoice");
    const miss = await s.conversation("Hello");
    const statements = await record(() => processPendingAutomationEvents(db(), s.account.id), { appOnly: true });
    expect(statements.filter((st) => /^\s*select .* from "messages"/is.test(st.text))).toHaveLength(1);
    expect((await listRuleRuns(db(), s.admin, s.account.id, opened.id)).map((r) => r.summary)).toEqual([
      `did not fire on #${miss.displayId} because: content does not contain invoice`,
      `fired on #${hit.displayId}: conditions matched: content contains invoice; actions done: add_label`,
    ]);
    expect((await listRuleRuns(db(), s.admin, s.account.id, s.rules[0].id)).map((r) => [r.displayId, r.outcome])).toEqual([
      [miss.displayId, "not_matched"],
      [hit.displayId, "fired"],
    ]);
  });
});
