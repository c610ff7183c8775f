import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as conversationRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as policyRoute from "@/app/api/v1/accounts/[account_id]/sla_policies/[id]/route";
import * as policiesRoute from "@/app/api/v1/accounts/[account_id]/sla_policies/route";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import { automationEvents, notifications, slaEvents } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { applySlaPolicy } from "@/lib/sla/apply";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { updateInboxBusinessHours } from "@/lib/business-hours/settings";
import { getConversation } from "@/lib/conversations/get-conversation";
import { sweepSlas } from "@/lib/sla/evaluate";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useJobRunner } from "@/tests/support/job-runner";
import { call } from "../api/call";

const db = useTestDatabase();
useJobRunner(db);

const nineToFive = [{ open: 9 * 60, close: 17 * 60 }];
const at = (iso: string) => new Date(iso);
const unix = (iso: string) => Math.floor(at(iso).getTime() / 1000);

async function setup() {
  const w = await f.createWorkspace(db());
  const params = { account_id: w.account.id };
  const policy = async (body: Record<string, unknown>) => {
    const r = await call(policiesRoute.POST, { token: w.admin.apiAccessToken, params, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.payload as { id: number };
  };
  return { ...w, params, policy };
}

describe("SLA policies API (Chatwoot's /sla_policies)", () => {
  it("creates, lists, shows, updates and deletes with Chatwoot's fields; agents read, administrators write", async () => {
    const s = await setup();
    const created = await call(policiesRoute.POST, {
      token: s.admin.apiAccessToken,
      params: s.params,
      body: { sla_policy: { name: "Gold", description: "Paying customers", first_response_time_threshold: 3600, next_response_time_threshold: "1800", resolution_time_threshold: 86400, only_during_business_hours: true } },
    });
    expect(created.status).toBe(200);
    expect(created.body.payload).toMatchObject({
      name: "Gold",
      description: "Paying customers",
      first_response_time_threshold: 3600,
      next_response_time_threshold: 1800,
      resolution_time_threshold: 86400,
      only_during_business_hours: true,
    });
    const id = created.body.payload.id;

    const refused = await call(policiesRoute.POST, { token: s.agent.apiAccessToken, params: s.params, body: { name: "Mine" } });
    expect(refused.status).toBe(403);
    const blank = await call(policiesRoute.POST, { token: s.admin.apiAccessToken, params: s.params, body: { sla_policy: { name: " " } } });
    expect(blank.status).toBe(422);

    const list = await call(policiesRoute.GET, { token: s.agent.apiAccessToken, params: s.params });
    expect(list.status).toBe(200);
    expect(list.body.payload.map((p: { name: string }) => p.name)).toEqual(["Gold"]);

    const updated = await call(policyRoute.PATCH, { token: s.admin.apiAccessToken, params: { ...s.params, id }, body: { sla_policy: { first_response_time_threshold: null, name: "Gold+" } } });
    expect(updated.status).toBe(200);
    expect(updated.body.payload).toMatchObject({ name: "Gold+", first_response_time_threshold: null, resolution_time_threshold: 86400 });

    // Another account's policy is not found.
    const other = await f.createWorkspace(db());
    const foreign = await call(policyRoute.GET, { token: other.admin.apiAccessToken, params: { account_id: other.account.id, id } });
    expect(foreign.status).toBe(404);

    const deleted = await call(policyRoute.DELETE, { token: s.admin.apiAccessToken, params: { ...s.params, id } });
    expect(deleted.status).toBe(200);
    expect((await call(policyRoute.GET, { token: s.admin.apiAccessToken, params: { ...s.params, id } })).status).toBe(404);
  });
});

describe("SLA timers in business hours, applied through the conversation API", () => {
  it("puts due times on the exact minute across a holiday and a weekend, and records the breach once", async () => {
    const s = await setup();
    // Paris, Monday to Friday 9–17, Christmas Day (a Friday) off.
    await updateInboxBusinessHours(db(), userActor(s.admin.id), s.account.id, s.inbox.id, {
      workingHoursEnabled: true,
      schedule: { timeZone: "Europe/Paris", days: [[], nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, []], holidays: ["2026-12-25"] },
    });
    const gold = await s.policy({ name: "Gold", first_response_time_threshold: 4 * 3600, resolution_time_threshold: 8 * 3600, only_during_business_hours: true });
    // Thursday 24 December, 16:00 in Paris.
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { createdAt: at("2026-12-24T15:00:00Z"), assigneeId: s.agent.id, waitingSince: at("2026-12-24T15:00:00Z") });

    const applied = await call(conversationRoute.PATCH, { token: s.agent.apiAccessToken, params: { ...s.params, conversation_id: conversation.displayId }, body: { sla_policy_id: gold.id } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.sla_policy_id).toBe(gold.id);
    // 4 h of open time: 1 h Thursday, then Monday 9:00–12:00 → Monday 28 December 12:00 Paris (11:00 UTC).
    // 8 h: 1 h Thursday, 7 h Monday → 16:00 Paris.
    expect(applied.body.applied_sla).toMatchObject({
      sla_id: gold.id,
      sla_name: "Gold",
      sla_status: "active",
      sla_only_during_business_hours: true,
      sla_first_response_time_threshold: 14400,
      sla_frt_due_at: unix("2026-12-28T11:00:00Z"),
      sla_rt_due_at: unix("2026-12-28T15:00:00Z"),
      sla_nrt_due_at: null,
    });

    // A minute before: nothing. At the minute: one breach, one notification, one rule event.
    expect((await sweepSlas(db(), at("2026-12-28T10:59:00Z"))).breaches).toBe(0);
    expect((await sweepSlas(db(), at("2026-12-28T11:00:00Z"))).breaches).toBe(1);
    // Later sweeps see the same breach: nothing new (a sweep run twice is harmless).
    expect((await sweepSlas(db(), at("2026-12-28T11:05:00Z"))).breaches).toBe(0);
    expect((await sweepSlas(db(), at("2026-12-28T12:00:00Z"))).breaches).toBe(0);

    const events = await db().select().from(slaEvents).where(eq(slaEvents.conversationId, conversation.id));
    expect(events.map((e) => [e.eventType, e.dueAt.toISOString()])).toEqual([["frt", "2026-12-28T11:00:00.000Z"]]);
    const told = await db().select().from(notifications).where(eq(notifications.accountId, s.account.id));
    expect(told.map((n) => [n.userId, n.notificationType])).toEqual([[s.agent.id, "sla_missed_first_response"]]);
    expect(told[0].title).toContain(`#${conversation.displayId}`);
    const raised = await db().select().from(automationEvents).where(and(eq(automationEvents.accountId, s.account.id), eq(automationEvents.eventName, "sla_breached")));
    expect(raised).toHaveLength(1);

    const summary = await getConversation(db(), userActor(s.agent.id), s.account.id, conversation.displayId);
    expect(summary.sla).toMatchObject({ status: "active_with_misses", outcomes: { frt: "missed" } });

    // Then the resolution target at Monday 16:00 Paris: a second, different breach.
    expect((await sweepSlas(db(), at("2026-12-28T15:00:00Z"))).breaches).toBe(1);
    const kinds = (await db().select().from(notifications).where(eq(notifications.accountId, s.account.id))).map((n) => n.notificationType).sort();
    expect(kinds).toEqual(["sla_missed_first_response", "sla_missed_resolution"]);

    // Removing the policy: the conversation is under none.
    const removed = await call(conversationRoute.PATCH, { token: s.agent.apiAccessToken, params: { ...s.params, conversation_id: conversation.displayId }, body: { sla_policy_id: null } });
    expect(removed.body.sla_policy_id).toBeNull();
    expect(removed.body.applied_sla).toBeUndefined();
  });

  it("a policy applied after its deadline is missed at once; an unassigned breach tells the administrators", async () => {
    const s = await setup();
    const fast = await s.policy({ name: "Fast", first_response_time_threshold: 600, next_response_time_threshold: 300 });
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { createdAt: at("2026-12-01T10:00:00Z") });
    const r = await call(conversationRoute.PATCH, { token: s.agent.apiAccessToken, params: { ...s.params, conversation_id: conversation.displayId }, body: { priority: "high", sla_policy_id: String(fast.id) } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.priority).toBe("high");
    // Created long ago (the clock starts at creation, as Chatwoot's): missed at once, nobody assigned → the administrator.
    expect(r.body.applied_sla).toMatchObject({ sla_status: "active_with_misses", sla_frt_due_at: unix("2026-12-01T10:10:00Z") });
    const told = await db().select().from(notifications).where(eq(notifications.accountId, s.account.id));
    expect(told.map((n) => [n.userId, n.notificationType])).toEqual([[s.admin.id, "sla_missed_first_response"]]);
  });
});

describe("SLA next response", () => {
  it("a reply in time hits the first response; the customer writing again starts a next-response clock that the sweep records as missed once", async () => {
    const s = await setup();
    const policy = await s.policy({ name: "Replies", first_response_time_threshold: 3600, next_response_time_threshold: 600 });
    const contact = await f.createContact(db(), s.account.id);
    const c = await createConversation(db(), systemActor("test"), s.account.id, { inboxId: s.inbox.id, contactId: contact.id, message: { content: "Help", messageType: "incoming" } });
    await applySlaPolicy(db(), userActor(s.agent.id), s.account.id, c.displayId, { slaPolicyId: policy.id });
    await createMessage(db(), userActor(s.agent.id), s.account.id, c.displayId, { content: "Looking into it" });
    await createMessage(db(), systemActor("test"), s.account.id, c.displayId, { content: "Any news?", messageType: "incoming" });
    const view = () => getConversation(db(), userActor(s.agent.id), s.account.id, c.displayId);
    const waiting = await view();
    const since = waiting.waitingSince as Date;

    // The sweep sees the changed conversation and sets the next response's due time: 10 minutes after the customer wrote.
    expect((await sweepSlas(db(), new Date(since.getTime() + 60_000))).breaches).toBe(0);
    expect((await view()).sla).toMatchObject({ outcomes: { frt: "hit" }, nrtDueAt: new Date(since.getTime() + 600_000), status: "active" });
    expect((await sweepSlas(db(), new Date(since.getTime() + 600_000))).breaches).toBe(1);
    expect((await sweepSlas(db(), new Date(since.getTime() + 900_000))).breaches).toBe(0);
    expect((await view()).sla).toMatchObject({ outcomes: { frt: "hit", nrt: "missed" }, status: "active_with_misses" });
    const told = await db().select().from(notifications).where(eq(notifications.accountId, s.account.id));
    // The reply assigned the agent, so the breach tells them (beside the new-message notice).
    expect(told.filter((n) => n.notificationType.startsWith("sla_")).map((n) => [n.userId, n.notificationType])).toEqual([[s.agent.id, "sla_missed_next_response"]]);
  });
});

describe("SLAs and automation rules", () => {
  it("a rule applies a policy (add_sla), and a rule on 'SLA breached' fires once per breach", async () => {
    const s = await setup();
    await createLabel(db(), userActor(s.admin.id), s.account.id, { title: "late" });
    const quick = await s.policy({ name: "Quick", first_response_time_threshold: 60 });
    const rule = async (body: Record<string, unknown>) => {
      const r = await call(rulesRoute.POST, { token: s.admin.apiAccessToken, params: s.params, body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await rule({ name: "Everyone gets Quick", event_name: "conversation_created", conditions: [], actions: [{ action_name: "add_sla", action_params: [quick.id] }] });
    await rule({ name: "Late", event_name: "sla_breached", conditions: [], actions: [{ action_name: "add_label", action_params: ["late"] }] });
    const refused = await call(rulesRoute.POST, {
      token: s.admin.apiAccessToken,
      params: s.params,
      body: { name: "Bad", event_name: "conversation_created", conditions: [], actions: [{ action_name: "add_sla", action_params: ["gold"] }] },
    });
    expect(refused.status).toBe(422);

    const contact = await f.createContact(db(), s.account.id);
    const c = await createConversation(db(), systemActor("test"), s.account.id, { inboxId: s.inbox.id, contactId: contact.id, message: { content: "Help", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), s.account.id);
    const view = () => getConversation(db(), userActor(s.admin.id), s.account.id, c.displayId);
    const under = await waitFor(view, (v) => v.sla !== null && v.sla !== undefined);
    expect(under.sla).toMatchObject({ policyId: quick.id, name: "Quick", status: "active" });

    const due = under.sla!.frtDueAt!;
    expect(due.getTime()).toBe(under.createdAt.getTime() + 60_000);
    expect((await sweepSlas(db(), new Date(due.getTime() + 1000))).breaches).toBe(1);
    expect((await sweepSlas(db(), new Date(due.getTime() + 60_000))).breaches).toBe(0);
    await processPendingAutomationEvents(db(), s.account.id);
    expect(await waitFor(() => getConversationLabels(db(), userActor(s.admin.id), s.account.id, c.displayId), (l) => l.length > 0)).toEqual(["late"]);
  });
});

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
