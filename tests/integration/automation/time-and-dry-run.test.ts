import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as dryRunRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/dry_run/route";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import { conversations } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { raiseTimeEvents } from "@/lib/automation/time-triggers";
import { createConversation } from "@/lib/conversations/create-conversation";
import { reopenDueSnoozedConversations } from "@/lib/conversations/reopen-snoozed";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useJobRunner } from "@/tests/support/job-runner";
import { call } from "../api/call";

const db = useTestDatabase();
useJobRunner(db);

const MINUTE = 60_000;

async function setup() {
  const w = await f.createWorkspace(db());
  for (const title of ["waiting", "stale", "back", "vip"]) await createLabel(db(), userActor(w.admin.id), w.account.id, { title });
  const params = { account_id: w.account.id };
  const rule = async (body: Record<string, unknown>) => {
    const r = await call(rulesRoute.POST, { token: w.admin.apiAccessToken, params, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { id: number };
  };
  const conversation = async (content = "hello") => {
    const contact = await f.createContact(db(), w.account.id);
    return createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content, messageType: "incoming" } });
  };
  const labelsOf = (displayId: number) => getConversationLabels(db(), userActor(w.admin.id), w.account.id, displayId);
  return { ...w, params, rule, conversation, labelsOf };
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("automation: time-based triggers with an injected clock", () => {
  it("conversation_waiting fires once per wait, after N minutes without an agent reply", async () => {
    const s = await setup();
    await s.rule({ name: "Waiting 30", event_name: "conversation_waiting", time_threshold_minutes: 30, conditions: [], actions: [{ action_name: "add_label", action_params: ["waiting"] }] });
    const c = await s.conversation();
    const [row] = await db().select({ waitingSince: conversations.waitingSince }).from(conversations).where(eq(conversations.id, c.id));
    const since = row.waitingSince as Date;

    expect(await raiseTimeEvents(db(), new Date(since.getTime() + 29 * MINUTE))).toEqual([]);
    await processPendingAutomationEvents(db(), s.account.id);
    expect(await s.labelsOf(c.displayId)).toEqual([]);

    expect(await raiseTimeEvents(db(), new Date(since.getTime() + 31 * MINUTE))).toEqual([s.account.id]);
    await processPendingAutomationEvents(db(), s.account.id); // what the sweep's wake-up runs (or a job run already under way)
    expect(await waitFor(() => s.labelsOf(c.displayId), (l) => l.length > 0)).toEqual(["waiting"]);
    // The next sweeps see the same wait: nothing new.
    expect(await raiseTimeEvents(db(), new Date(since.getTime() + 45 * MINUTE))).toEqual([]);

    // An agent replies: the wait is over; no new event however long it stays quiet.
    await createMessage(db(), userActor(s.agent.id), s.account.id, c.displayId, { content: "On it" });
    expect(await raiseTimeEvents(db(), new Date(since.getTime() + 600 * MINUTE))).toEqual([]);
  });

  it("conversation_pending fires after N minutes pending; snooze_ended fires when the snooze sweep reopens it", async () => {
    const s = await setup();
    await s.rule({ name: "Stale pending", event_name: "conversation_pending", time_threshold_minutes: 120, conditions: [], actions: [{ action_name: "add_label", action_params: ["stale"] }] });
    await s.rule({ name: "Snooze over", event_name: "snooze_ended", conditions: [], actions: [{ action_name: "add_label", action_params: ["back"] }] });
    const pending = await s.conversation();
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, pending.displayId, { status: "pending" });
    const [row] = await db().select({ updatedAt: conversations.updatedAt }).from(conversations).where(eq(conversations.id, pending.id));
    expect(await raiseTimeEvents(db(), new Date(row.updatedAt.getTime() + 119 * MINUTE))).toEqual([]);
    expect(await raiseTimeEvents(db(), new Date(row.updatedAt.getTime() + 121 * MINUTE))).toEqual([s.account.id]);
    await processPendingAutomationEvents(db(), s.account.id); // what the sweep's wake-up runs
    expect(await waitFor(() => s.labelsOf(pending.displayId), (l) => l.length > 0)).toEqual(["stale"]);

    const snoozed = await s.conversation();
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, snoozed.displayId, { status: "snoozed", snoozedUntil: new Date(Date.now() + 1500) });
    const early = await s.conversation();
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, early.displayId, { status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000) });
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, early.displayId, { status: "open" }); // reopened by hand, early
    await new Promise((r) => setTimeout(r, 1600));
    await reopenDueSnoozedConversations(db());
    await waitFor(() => s.labelsOf(snoozed.displayId), (l) => l.includes("back"));
    expect(await s.labelsOf(snoozed.displayId)).toEqual(["back"]);
    await processPendingAutomationEvents(db(), s.account.id);
    expect(await s.labelsOf(early.displayId)).toEqual([]);
  });
});

describe("automation: evaluated by the job runner after commit", () => {
  it("a committed change reaches the rule through the automation-evaluate job, with no direct call", async () => {
    const s = await setup();
    await s.rule({ name: "VIP", event_name: "conversation_created", conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["vip"] }], actions: [{ action_name: "add_label", action_params: ["vip"] }] });
    const c = await s.conversation("I am a VIP");
    expect(await waitFor(() => s.labelsOf(c.displayId), (l) => l.length > 0)).toEqual(["vip"]);
  });
});

describe("automation: dry run", () => {
  it("shows on which of the last events of its kind a rule would have fired, and why not, changing nothing", async () => {
    const s = await setup();
    // Another rule keeps events recorded for the account (events are recorded while any rule is active).
    const rule = await s.rule({ name: "Refunds", event_name: "message_created", active: true, conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["refund"] }], actions: [{ action_name: "add_label", action_params: ["vip"] }] });
    const a = await s.conversation("refund please");
    const b = await s.conversation("hello");
    await waitFor(() => s.labelsOf(a.displayId), (l) => l.length > 0);

    const r = await call(dryRunRoute.POST, { token: s.admin.apiAccessToken, params: { ...s.params, id: rule.id }, body: {} });
    expect(r.status).toBe(200);
    expect(r.body.payload.map((d: { conversation_id: number; would_fire: boolean; explanation: string }) => [d.conversation_id, d.would_fire, d.explanation])).toEqual([
      [b.displayId, false, "content does not contain refund"],
      [a.displayId, true, "content contains refund"],
    ]);
    // An unsaved edit of the conditions is tried the same way.
    const draft = await call(dryRunRoute.POST, { token: s.admin.apiAccessToken, params: { ...s.params, id: rule.id }, body: { conditions: [{ attribute_key: "content", filter_operator: "equal_to", values: ["hello"] }] } });
    expect(draft.body.payload.map((d: { would_fire: boolean }) => d.would_fire)).toEqual([true, false]);
    expect(await s.labelsOf(b.displayId)).toEqual([]);
    expect((await call(dryRunRoute.POST, { token: s.agent.apiAccessToken, params: { ...s.params, id: rule.id }, body: {} })).status).toBe(403);
  });
});
