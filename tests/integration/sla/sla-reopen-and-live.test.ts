import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as policiesRoute from "@/app/api/v1/accounts/[account_id]/sla_policies/route";
import { slaEvents } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { updateInboxBusinessHours } from "@/lib/business-hours/settings";
import { createConversation } from "@/lib/conversations/create-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { applySlaPolicy } from "@/lib/sla/apply";
import { sweepSlas } from "@/lib/sla/evaluate";
import { refreshConversationSlas } from "@/lib/sla/refresh";
import { inTransaction } from "@/db/transaction";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { inboxChannel } from "@/lib/realtime/channels";
import { connectAs, settle, useRealtimeServer } from "@/tests/support/realtime";
import { call } from "../api/call";

const db = useTestDatabase();
const realtime = useRealtimeServer();
const at = (iso: string) => new Date(iso);
const nineToFive = [{ open: 9 * 60, close: 17 * 60 }];

async function setup(body: Record<string, unknown>) {
  const w = await f.createWorkspace(db());
  const r = await call(policiesRoute.POST, { token: w.admin.apiAccessToken, params: { account_id: w.account.id }, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { ...w, policyId: r.body.payload.id as number };
}

describe("next-response countdown at once", () => {
  it("a customer's message that starts a next-response target puts its due time in the row of the message's own live event", async () => {
    const s = await setup({ name: "Replies", first_response_time_threshold: 3600, next_response_time_threshold: 600 });
    const contact = await f.createContact(db(), s.account.id);
    const c = await createConversation(db(), systemActor("test"), s.account.id, { inboxId: s.inbox.id, contactId: contact.id, message: { content: "Help", messageType: "incoming" } });
    await applySlaPolicy(db(), userActor(s.agent.id), s.account.id, c.displayId, { slaPolicyId: s.policyId });
    await createMessage(db(), userActor(s.agent.id), s.account.id, c.displayId, { content: "Looking into it" });
    const client = await connectAs(realtime().port, db, s.admin.id);
    await client.subscribe(inboxChannel(s.account.id, s.inbox.id));
    await createMessage(db(), systemActor("test"), s.account.id, c.displayId, { content: "Any news?", messageType: "incoming" });
    const view = await getConversation(db(), userActor(s.agent.id), s.account.id, c.displayId);
    const since = view.waitingSince as Date;
    // No sweep has run: the due time is there already, in the stored row…
    expect(view.sla?.nrtDueAt?.getTime()).toBe(since.getTime() + 600_000);
    // …and in the conversation event that follows message.created (one event: no second publish, no server render needed).
    await client.waitFor((e) => e.name === "message.created");
    await client.waitFor((e) => e.name === "conversation.updated");
    await settle();
    client.disconnect();
    const updates = client.received.filter((e) => e.name === "conversation.updated");
    expect(updates).toHaveLength(1);
    const row = (updates[0].data as { conversation: { sla: { nrtDueAt: string } } }).conversation;
    expect(Date.parse(row.sla.nrtDueAt)).toBe(since.getTime() + 600_000);
  });
});

describe("SLA timers on reopen", () => {
  it("reopening a resolved conversation makes its SLA run again: resolution and next response count from the reopening, the first response keeps its outcome", async () => {
    const s = await setup({ name: "Full", first_response_time_threshold: 3600, next_response_time_threshold: 1800, resolution_time_threshold: 4 * 3600 });
    const contact = await f.createContact(db(), s.account.id);
    const c = await createConversation(db(), systemActor("test"), s.account.id, { inboxId: s.inbox.id, contactId: contact.id, message: { content: "Help", messageType: "incoming" } });
    await applySlaPolicy(db(), userActor(s.agent.id), s.account.id, c.displayId, { slaPolicyId: s.policyId });
    await createMessage(db(), userActor(s.agent.id), s.account.id, c.displayId, { content: "Done" });
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, c.displayId, { status: "resolved" });
    const view = () => getConversation(db(), userActor(s.agent.id), s.account.id, c.displayId);
    expect((await view()).sla).toMatchObject({ status: "hit", outcomes: { frt: "hit", rt: "hit" } });

    // The customer writes again: reopened, and the SLA runs again at once.
    const before = Date.now();
    await createMessage(db(), systemActor("test"), s.account.id, c.displayId, { content: "It broke again", messageType: "incoming" });
    const reopened = await view();
    expect(reopened.status).toBe("open");
    expect(reopened.sla?.status).toBe("active");
    expect(reopened.sla?.outcomes).toEqual({ frt: "hit" });
    const rtDue = reopened.sla!.rtDueAt!.getTime();
    expect(rtDue).toBeGreaterThanOrEqual(before + 4 * 3600_000);
    expect(rtDue).toBeLessThanOrEqual(Date.now() + 4 * 3600_000);
    expect(reopened.sla!.nrtDueAt!.getTime()).toBe((reopened.waitingSince as Date).getTime() + 1800_000);

    // Missed this time: the sweep records the new breach (the first cycle's hit is not undone into a breach).
    await sweepSlas(db(), new Date(rtDue + 1000));
    const kinds = (await db().select().from(slaEvents).where(eq(slaEvents.conversationId, c.id))).map((e) => e.eventType).sort();
    expect(kinds).toEqual(["nrt", "rt"]);
    await toggleStatus(db(), userActor(s.agent.id), s.account.id, c.displayId, { status: "resolved" });
    expect((await view()).sla?.status).toBe("missed");
  });

  it("a reopening on Saturday counts the resolution target from Monday's opening, in business hours (injected clock)", async () => {
    const s = await setup({ name: "Business", resolution_time_threshold: 8 * 3600, next_response_time_threshold: 3600, only_during_business_hours: true });
    await updateInboxBusinessHours(db(), userActor(s.admin.id), s.account.id, s.inbox.id, {
      workingHoursEnabled: true,
      schedule: { timeZone: "Europe/Paris", days: [[], nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, []], holidays: ["2026-12-07"] },
    });
    // Created and answered Tuesday 1 December, resolved in time that day.
    const c = await f.createConversation(db(), s.account.id, s.inbox.id, {
      createdAt: at("2026-12-01T08:00:00Z"),
      firstReplyCreatedAt: at("2026-12-01T08:30:00Z"),
      status: "resolved",
    });
    await applySlaPolicy(db(), userActor(s.admin.id), s.account.id, c.displayId, { slaPolicyId: s.policyId }, at("2026-12-01T09:00:00Z"));
    const view = () => getConversation(db(), userActor(s.admin.id), s.account.id, c.displayId);
    expect((await view()).sla).toMatchObject({ status: "hit", outcomes: { rt: "hit", nrt: "hit" } });

    // Reopened Saturday 5 December 11:00 Paris by the customer, whose wait started long before (never cleared on resolve).
    await db().execute(sql`update conversations set status = 'open', waiting_since = '2026-12-01T08:45:00Z' where account_id = ${s.account.id} and id = ${c.id}`);
    await inTransaction(db(), (tx, afterCommit) => refreshConversationSlas(tx, afterCommit, s.account.id, [c.id], at("2026-12-05T10:00:00Z")));
    const sla = (await view()).sla!;
    expect(sla.status).toBe("active");
    // Monday 7 December is a holiday: 8 h of open time from Tuesday 8 December 9:00 Paris → 17:00 (16:00 UTC).
    expect(sla.rtDueAt?.toISOString()).toBe("2026-12-08T16:00:00.000Z");
    // The next response counts from the reopening too, not from the old wait: Tuesday 10:00 Paris.
    expect(sla.nrtDueAt?.toISOString()).toBe("2026-12-08T09:00:00.000Z");
    // (The sweep walks every account of the test database: count this conversation's breaches.)
    const events = () => db().select().from(slaEvents).where(and(eq(slaEvents.accountId, s.account.id), eq(slaEvents.conversationId, c.id)));
    await sweepSlas(db(), at("2026-12-08T08:59:00Z"));
    expect(await events()).toEqual([]);
    await sweepSlas(db(), at("2026-12-08T09:00:00Z"));
    expect((await events()).map((e) => [e.eventType, e.dueAt.toISOString()])).toEqual([["nrt", "2026-12-08T09:00:00.000Z"]]);
  });
});
