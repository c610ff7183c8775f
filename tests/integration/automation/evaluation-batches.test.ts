import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automationEvents, messages } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createRule } from "@/lib/automation/rules";
import { listRuleRuns } from "@/lib/automation/run-log";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { workspaceWithLabelRule } from "./label-rule";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * An import records hundreds of events in a second; the evaluation pays a few statements per batch
 * (the claim, the facts' reads, the write), so it takes them 500 at a time, with each list of ids
 * sent as one array parameter (the same statement text whatever the batch's size).
 */
const db = useTestDatabase();
const record = useWireRecording();

describe("automation evaluation batches", () => {
  it("evaluates 600 pending events in two batches, each with one claim, one read of conversations and one write", async () => {
    const { w, admin, contact, rule } = await workspaceWithLabelRule(db(), { name: "Invoices", word: "invoice", label: "invoice" });
    const hit = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "Your invoice", messageType: "incoming" } });
    const miss = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "Hello", messageType: "incoming" } });
    // 598 more events on the second conversation's message, as a busy import would leave them pending.
    const [message] = await db().select({ id: messages.id }).from(messages).where(and(eq(messages.accountId, w.account.id), eq(messages.conversationId, miss.id)));
    await db()
      .insert(automationEvents)
      .values(Array.from({ length: 598 }, (_, i) => ({ accountId: w.account.id, eventKey: `bulk_${i}`, eventName: "message_created", conversationId: miss.id, messageId: message.id })));
    const pending = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(automationEvents).where(and(eq(automationEvents.accountId, w.account.id), isNull(automationEvents.processedAt))))[0].n;
    expect(await pending()).toBe(600);

    const statements = await record(async () => expect(await processPendingAutomationEvents(db(), w.account.id)).toEqual({ events: 600, fired: 1 }), { appOnly: true });
    const count = (re: RegExp) => statements.filter((st) => re.test(st.text)).length;
    // Two batches (500 + 100), and the claim that finds nothing left.
    expect(count(/for update skip locked/i)).toBe(3);
    expect(count(/^\s*select .* from conversations c/is)).toBe(2);
    expect(count(/^\s*update automation_events/i)).toBe(2);
    // The ids travel as one array parameter: the conversations' read is the same text in both batches.
    const reads = statements.filter((st) => /^\s*select .* from conversations c/is.test(st.text)).map((st) => st.text);
    expect(new Set(reads).size).toBe(1);

    expect(await pending()).toBe(0);
    // The newest entries of the log are the misses; the firing on the first event is found by paging back.
    const log = await listRuleRuns(db(), admin, w.account.id, rule.id, { limit: 200 });
    expect(log.map((r) => r.summary)).toEqual(Array(200).fill(`did not fire on #${miss.displayId} because: content does not contain invoice`));
    const [firstEvent] = await db().select({ id: sql<number>`min(id)::int` }).from(automationEvents).where(and(eq(automationEvents.accountId, w.account.id), eq(automationEvents.eventName, "message_created")));
    const oldest = await listRuleRuns(db(), admin, w.account.id, rule.id, { before: firstEvent.id + 1 });
    expect(oldest.map((r) => r.summary)).toEqual([`fired on #${hit.displayId}: conditions matched: content contains invoice; actions done: add_label`]);
  });

  it("after firings, a later event reads its conversation as the firings left it: the stale conversations still to come re-read in one statement", async () => {
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    await createLabel(db(), admin, w.account.id, { title: "invoice" });
    await createLabel(db(), admin, w.account.id, { title: "followed" });
    const contact = await f.createContact(db(), w.account.id, { email: "jane@customer.example", name: "Jane" });
    await createRule(db(), admin, w.account.id, {
      name: "Invoices",
      event_name: "message_created",
      conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["invoice"], query_operator: null }],
      actions: [{ action_name: "add_label", action_params: ["invoice"] }],
    });
    const followUp = await createRule(db(), admin, w.account.id, {
      name: "Invoice follow-ups",
      event_name: "message_created",
      conditions: [
        { attribute_key: "labels", filter_operator: "equal_to", values: ["invoice"], query_operator: "and" },
        { attribute_key: "content", filter_operator: "contains", values: ["again"], query_operator: null },
      ],
      actions: [{ action_name: "add_label", action_params: ["followed"] }],
    });
    const open = (content: string) => createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content, messageType: "incoming" } });
    const x = await open("invoice for March");
    const y = await open("invoice for April");
    // Both follow-ups come after both firings: one re-read serves them.
    for (const c of [x, y]) {
      const m = await f.createMessage(db(), { accountId: w.account.id, inboxId: w.inbox.id, id: c.id, contactId: contact.id }, { content: "again, about that" });
      await db().insert(automationEvents).values({ accountId: w.account.id, eventKey: `follow_${c.id}`, eventName: "message_created", conversationId: c.id, messageId: m.id });
    }

    const statements = await record(async () => expect(await processPendingAutomationEvents(db(), w.account.id)).toEqual({ events: 4, fired: 4 }), { appOnly: true });
    // The batch's read, then one re-read of x and y together (before: one per conversation).
    expect(statements.filter((st) => /^\s*select .* from conversations c/is.test(st.text))).toHaveLength(2);
    const runs = await listRuleRuns(db(), admin, w.account.id, followUp.id);
    expect(runs.filter((r) => r.outcome === "fired").map((r) => r.displayId).sort()).toEqual([x.displayId, y.displayId].sort());
  });

  it("rules that read only what no action changes (the message, the inbox) judge later events of a touched conversation without re-reading it", async () => {
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    await createLabel(db(), admin, w.account.id, { title: "invoice" });
    const contact = await f.createContact(db(), w.account.id, { email: "jane@customer.example", name: "Jane" });
    const rule = await createRule(db(), admin, w.account.id, {
      name: "Invoices in Support",
      event_name: "message_created",
      conditions: [
        { attribute_key: "inbox_id", filter_operator: "equal_to", values: [w.inbox.id], query_operator: "and" },
        { attribute_key: "content", filter_operator: "contains", values: ["invoice"], query_operator: null },
      ],
      actions: [{ action_name: "add_label", action_params: ["invoice"] }],
    });
    const c = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "invoice for March", messageType: "incoming" } });
    const m = await f.createMessage(db(), { accountId: w.account.id, inboxId: w.inbox.id, id: c.id, contactId: contact.id }, { content: "and the invoice for April" });
    await db().insert(automationEvents).values({ accountId: w.account.id, eventKey: "second", eventName: "message_created", conversationId: c.id, messageId: m.id });

    const statements = await record(async () => expect(await processPendingAutomationEvents(db(), w.account.id)).toEqual({ events: 2, fired: 2 }), { appOnly: true });
    expect(statements.filter((st) => /^\s*select .* from conversations c/is.test(st.text))).toHaveLength(1);
    expect((await listRuleRuns(db(), admin, w.account.id, rule.id)).map((r) => r.outcome)).toEqual(["fired", "fired"]);
  });
});
