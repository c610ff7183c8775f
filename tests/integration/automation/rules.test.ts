import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as ruleRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/route";
import * as runsRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/runs/route";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import { automationEvents, automationRuleRuns, conversations, messages } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { createMessage } from "@/lib/messages/create-message";
import { createTeam } from "@/lib/teams/teams";
import { classifyEmail } from "@/lib/email/classify/classify-email";
import { incomingEmailAttributes } from "@/lib/email/ingest/email-attributes";
import { parseEmail } from "@/lib/email/parse/parse-email";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

async function setup() {
  const w = await f.createWorkspace(db());
  const sales = await f.createInbox(db(), w.account.id, { name: "Sales", memberIds: [w.agent.id] });
  for (const title of ["refund", "vip", "loop"]) await createLabel(db(), userActor(w.admin.id), w.account.id, { title });
  const team = await createTeam(db(), userActor(w.admin.id), w.account.id, { name: "Billing" });
  const contact = await f.createContact(db(), w.account.id, { email: "jane@customer.example", name: "Jane" });
  const params = { account_id: w.account.id };
  const rule = async (body: Record<string, unknown>) => {
    const r = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { id: number };
  };
  const conversation = async (inboxId = w.inbox.id, content = "hello") =>
    createConversation(db(), systemActor("test"), w.account.id, { inboxId, contactId: contact.id, message: { content, messageType: "incoming" } });
  const evaluate = () => processPendingAutomationEvents(db(), w.account.id);
  const runs = async (ruleId: number) => (await call(runsRoute.GET, { token: w.admin.apiAccessToken, params: { ...params, id: ruleId } })).body.payload as { outcome: string; summary: string }[];
  const labelsOf = (displayId: number) => getConversationLabels(db(), userActor(w.admin.id), w.account.id, displayId);
  return { ...w, sales, team, contact, params, rule, conversation, evaluate, runs, labelsOf };
}

describe("automation rules", () => {
  it("takes Chatwoot's rule shape, fires on message_created with its conditions, and logs why it did or did not fire", async () => {
    const s = await setup();
    const created = await s.rule({
      name: "Refunds to billing",
      description: "",
      event_name: "message_created",
      conditions: [
        { attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"], query_operator: "and" },
        { attribute_key: "inbox_id", filter_operator: "equal_to", values: [s.inbox.id], query_operator: "and" },
        { attribute_key: "content", filter_operator: "contains", values: ["refund"], query_operator: null },
      ],
      actions: [
        { action_name: "add_label", action_params: ["refund"] },
        { action_name: "assign_team", action_params: [s.team.id] },
      ],
    });
    expect(created).toMatchObject({ name: "Refunds to billing", event_name: "message_created", active: true, actions: [{ action_name: "add_label", action_params: ["refund"] }, { action_name: "assign_team", action_params: [s.team.id] }] });
    expect(created).toHaveProperty("created_on");
    expect((await call(rulesRoute.GET, { token: s.admin.apiAccessToken, params: s.params })).body.payload).toHaveLength(1);
    expect((await call(rulesRoute.GET, { token: s.agent.apiAccessToken, params: s.params })).status).toBe(403);

    const hit = await s.conversation(s.inbox.id, "I want a REFUND please");
    const wrongInbox = await s.conversation(s.sales.id, "refund now");
    const noWord = await s.conversation(s.inbox.id, "hello there");
    await s.evaluate();

    expect(await s.labelsOf(hit.displayId)).toEqual(["refund"]);
    const [row] = await db().select({ teamId: conversations.teamId }).from(conversations).where(eq(conversations.id, hit.id));
    expect(row.teamId).toBe(s.team.id);
    expect(await s.labelsOf(wrongInbox.displayId)).toEqual([]);
    expect(await s.labelsOf(noWord.displayId)).toEqual([]);

    const log = await s.runs(created.id);
    expect(log.map((r) => r.summary)).toEqual([
      `did not fire on #${noWord.displayId} because: content does not contain refund`,
      `did not fire on #${wrongInbox.displayId} because: inbox is not Support (it is Sales)`,
      `fired on #${hit.displayId}: conditions matched: message type is incoming and inbox is Support and content contains refund; actions done: add_label, assign_team`,
    ]);
    // An activity line says what changed, as for a person.
    const lines = await db().select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, hit.id), eq(messages.messageType, "activity")));
    expect(lines.map((l) => l.content).join("\n")).toMatch(/Billing/);
  });

  it("nested condition_tree over the API, kept when read back, with the flat list for old clients", async () => {
    const s = await setup();
    const tree = {
      operator: "or",
      conditions: [
        { attribute_key: "inbox_id", filter_operator: "equal_to", values: [s.sales.id] },
        {
          operator: "and",
          conditions: [
            { attribute_key: "email", filter_operator: "contains", values: ["@customer.example"] },
            { operator: "or", conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["urgent"] }, { attribute_key: "content", filter_operator: "matches", values: ["^down\\b"] }] },
          ],
        },
      ],
    };
    const created = await s.rule({ name: "VIP", event_name: "conversation_created", condition_tree: tree, actions: [{ action_name: "add_label", action_params: ["vip"] }] });
    const shown = (await call(ruleRoute.GET, { token: s.admin.apiAccessToken, params: { ...s.params, id: created.id } })).body.payload;
    expect(shown.condition_tree).toEqual(tree);
    expect(shown.conditions.map((c: { attribute_key: string }) => c.attribute_key)).toEqual(["inbox_id", "email", "content", "content"]);

    const sales = await s.conversation(s.sales.id, "hi");
    const down = await s.conversation(s.inbox.id, "Down since noon");
    const calm = await s.conversation(s.inbox.id, "a question");
    await s.evaluate();
    expect(await s.labelsOf(sales.displayId)).toEqual(["vip"]);
    expect(await s.labelsOf(down.displayId)).toEqual(["vip"]);
    expect(await s.labelsOf(calm.displayId)).toEqual([]);
    expect((await s.runs(created.id))[0].summary).toBe(
      `did not fire on #${calm.displayId} because: inbox is not Sales (it is Support), and content does not contain urgent, and content does not match ^down\\b`,
    );
    const bad = await call(rulesRoute.POST, { token: s.admin.apiAccessToken, params: s.params, body: { name: "x", event_name: "message_created", conditions: [{ attribute_key: "nope", filter_operator: "equal_to", values: [1] }], actions: [{ action_name: "add_label", action_params: ["vip"] }] } });
    expect(bad.status).toBe(422);
  });

  it("conversation_opened and conversation_resolved fire on the status change only", async () => {
    const s = await setup();
    const resolved = await s.rule({ name: "R", event_name: "conversation_resolved", conditions: [], actions: [{ action_name: "add_label", action_params: ["refund"] }] });
    const opened = await s.rule({ name: "O", event_name: "conversation_opened", conditions: [], actions: [{ action_name: "change_priority", action_params: ["high"] }] });
    const c = await s.conversation();
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, c.displayId, { status: "resolved" });
    await s.evaluate();
    expect(await s.labelsOf(c.displayId)).toEqual(["refund"]);
    expect((await db().select({ p: conversations.priority }).from(conversations).where(eq(conversations.id, c.id)))[0].p).toBeNull();
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, c.displayId, { status: "open" });
    await s.evaluate();
    expect((await db().select({ p: conversations.priority }).from(conversations).where(eq(conversations.id, c.id)))[0].p).toBe("high");
    expect((await s.runs(resolved.id)).map((r) => r.outcome)).toEqual(["fired"]);
    expect((await s.runs(opened.id)).map((r) => r.outcome)).toEqual(["fired"]);
  });

  it("a rule that re-triggers itself stops at the depth limit, and the limit is in its log", async () => {
    const s = await setup();
    // Each firing changes the priority, which is a conversation_updated, which fires the rule again.
    const ping = await s.rule({ name: "Ping", event_name: "conversation_updated", conditions: [{ attribute_key: "priority", filter_operator: "not_equal_to", values: ["urgent"] }], actions: [{ action_name: "change_priority", action_params: ["urgent"] }] });
    const pong = await s.rule({ name: "Pong", event_name: "conversation_updated", conditions: [{ attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] }], actions: [{ action_name: "change_priority", action_params: ["low"] }] });
    const c = await s.conversation();
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, c.displayId, { status: "pending" });
    await s.evaluate();
    const all = [...(await s.runs(ping.id)), ...(await s.runs(pong.id))];
    const fired = all.filter((r) => r.outcome === "fired");
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.length).toBeLessThanOrEqual(3);
    expect(all.some((r) => r.outcome === "limited" && /loop limit: this change was caused by rules/.test(r.summary))).toBe(true);
    // Nothing left to evaluate: the chain ended.
    expect(await db().$count(automationEvents, and(eq(automationEvents.accountId, s.account.id)))).toBeLessThan(20);
    expect((await s.evaluate()).events).toBe(0);
  });

  it("the per-conversation rate limit holds a rule back (logged) even below the depth limit", async () => {
    const s = await setup();
    const rule = await s.rule({ name: "Note every message", event_name: "message_created", conditions: [{ attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"] }], actions: [{ action_name: "add_private_note", action_params: ["seen"] }] });
    const c = await s.conversation();
    for (let i = 0; i < 7; i++) await createMessage(db(), systemActor("test"), s.account.id, c.displayId, { content: `again ${i}`, messageType: "incoming" });
    await s.evaluate();
    const log = await s.runs(rule.id);
    expect(log.filter((r) => r.outcome === "fired")).toHaveLength(5);
    expect(log.filter((r) => r.outcome === "limited").map((r) => r.summary)[0]).toMatch(/^held back on #\d+: rate limit: fired 5 times on this conversation in the last hour/);
  });

  it("a failing action is recorded on the run and on the rule, the other actions still run, and the rule stays active", async () => {
    const s = await setup();
    const outsider = await f.createAgent(db(), s.account.id, { role: "agent", name: "Olga Outsider" });
    const rule = await s.rule({
      name: "Assign Olga",
      event_name: "conversation_created",
      conditions: [],
      actions: [
        { action_name: "assign_agent", action_params: [outsider.id] },
        { action_name: "add_label", action_params: ["vip"] },
      ],
    });
    const c = await s.conversation();
    await s.evaluate();
    expect(await s.labelsOf(c.displayId)).toEqual(["vip"]);
    const [run] = await s.runs(rule.id);
    expect(run.outcome).toBe("failed");
    expect(run.summary).toBe(`fired on #${c.displayId}: conditions matched: no conditions; actions done: add_label; failed: assign_agent (The assignee must be a member of the conversation's inbox or an administrator)`);
    const shown = (await call(ruleRoute.GET, { token: s.admin.apiAccessToken, params: { ...s.params, id: rule.id } })).body.payload;
    expect(shown).toMatchObject({ active: true, failure_count: 1, last_error: expect.stringMatching(/^assign_agent on #\d+: The assignee must be/) });
    // It keeps firing on the next conversation.
    await s.conversation();
    await s.evaluate();
    expect((await call(ruleRoute.GET, { token: s.admin.apiAccessToken, params: { ...s.params, id: rule.id } })).body.payload.failure_count).toBe(2);
  });

  it("idempotent per event: evaluating the same event again (a retried run) never acts twice", async () => {
    const s = await setup();
    const rule = await s.rule({ name: "Note", event_name: "conversation_created", conditions: [], actions: [{ action_name: "add_private_note", action_params: ["Thanks, noted"] }] });
    const c = await s.conversation();
    await s.evaluate();
    // A retry after a crash: the event is pending again.
    await db().update(automationEvents).set({ processedAt: null }).where(eq(automationEvents.accountId, s.account.id));
    await s.evaluate();
    const notes = await db().select({ id: messages.id }).from(messages).where(and(eq(messages.conversationId, c.id), eq(messages.private, true)));
    expect(notes).toHaveLength(1);
    expect(await db().$count(automationRuleRuns, eq(automationRuleRuns.ruleId, rule.id))).toBe(1);
  });

  it("inactive rules record nothing; a disabled rule is switched on with PATCH active", async () => {
    const s = await setup();
    const rule = await s.rule({ name: "Off", event_name: "conversation_created", active: false, conditions: [], actions: [{ action_name: "add_label", action_params: ["vip"] }] });
    const before = await s.conversation();
    await s.evaluate();
    expect(await s.labelsOf(before.displayId)).toEqual([]);
    expect(await db().$count(automationEvents, eq(automationEvents.accountId, s.account.id))).toBe(0);
    const patched = await call(ruleRoute.PATCH, { token: s.admin.apiAccessToken, params: { ...s.params, id: rule.id }, body: { active: true } });
    expect(patched.body.payload.active).toBe(true);
    const after = await s.conversation();
    await s.evaluate();
    expect(await s.labelsOf(after.displayId)).toEqual(["vip"]);
  });
});

describe("automation rules on mail", () => {
  it("mail_header:list-id and sender_domain read the imported mail (list headers are kept on the message)", async () => {
    const raw = Buffer.from(
      "From: News <news@lists.vendor.example>\r\nTo: support@desk.example\r\nSubject: Weekly\r\nList-Id: <weekly.vendor.example>\r\nMessage-ID: <w1@vendor.example>\r\n\r\nHello list\r\n",
    );
    const parsed = await parseEmail(raw);
    const attributes = incomingEmailAttributes(parsed, classifyEmail(parsed), []);
    expect(attributes.headers).toEqual({ "list-id": "<weekly.vendor.example>" });

    const s = await setup();
    const rule = await s.rule({
      name: "Lists",
      event_name: "message_created",
      condition_tree: { operator: "and", conditions: [{ attribute_key: "mail_header:list-id", filter_operator: "is_present", values: [] }, { attribute_key: "sender_domain", filter_operator: "equal_to", values: ["lists.vendor.example"] }] },
      actions: [{ action_name: "resolve_conversation", action_params: [] }],
    });
    const list = await s.conversation();
    await createMessage(db(), systemActor("test"), s.account.id, list.displayId, { content: "Hello list", messageType: "incoming", contentType: "incoming_email", contentAttributes: { email: attributes } });
    const plain = await s.conversation();
    await createMessage(db(), systemActor("test"), s.account.id, plain.displayId, { content: "Hi", messageType: "incoming" });
    await s.evaluate();
    const status = async (id: number) => (await db().select({ status: conversations.status }).from(conversations).where(eq(conversations.id, id)))[0].status;
    expect(await status(list.id)).toBe("resolved");
    expect(await status(plain.id)).toBe("open");
    expect((await s.runs(rule.id)).map((r) => r.summary)).toContain(`did not fire on #${plain.displayId} because: header list-id is empty`);
  });
});
