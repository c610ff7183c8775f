import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountUsers, conversations, inboxes } from "@/db/schema";
import { setOwnAvailability } from "@/lib/accounts/availability";
import { recordPresenceHeartbeat } from "@/lib/accounts/presence-heartbeat";
import { sweepAutoAssignment } from "@/lib/assignment/requests";
import { systemActor, userActor } from "@/lib/auth/actor";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useJobRunner } from "@/tests/support/job-runner";

const db = useTestDatabase();
useJobRunner(db);

const system = systemActor("test");

async function desk(limit: number | null) {
  const account = await f.createAccount(db());
  const a = await f.createAgent(db(), account.id, { name: "Agent A" });
  const b = await f.createAgent(db(), account.id, { name: "Agent B" });
  const inbox = await f.createInbox(db(), account.id, { memberIds: [a.id, b.id] });
  await db().update(inboxes).set({ enableAutoAssignment: true, autoAssignmentLimit: limit }).where(eq(inboxes.id, inbox.id));
  // A has an open tab; B has none (online by choice, auto-offline: reads offline).
  await db().update(accountUsers).set({ lastSeenAt: sql`now()` }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, a.id)));
  const contact = await f.createContact(db(), account.id);
  const arrive = (content: string) => createConversation(db(), system, account.id, { inboxId: inbox.id, contactId: contact.id, message: { content, messageType: "incoming" } });
  return { account, a, b, inbox, contact, arrive };
}

async function assigneeOf(id: number) {
  const [row] = await db().select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, id));
  return row?.assigneeId ?? null;
}

const eventually = (id: number) => expect.poll(() => assigneeOf(id), { timeout: 20_000, interval: 100 });

describe("auto-assignment follows arrivals, presence and capacity (through the job)", () => {
  it("assigns on arrival, waits when nobody has room, and assigns the oldest waiting when an agent comes online or resolves one", async () => {
    const s = await desk(1);
    const first = await s.arrive("first");
    await eventually(first.id).toBe(s.a.id);

    const second = await s.arrive("second");
    const third = await s.arrive("third");
    // A is full (limit 1) and B is away: both wait.
    await new Promise((r) => setTimeout(r, 1500));
    expect([await assigneeOf(second.id), await assigneeOf(third.id)]).toEqual([null, null]);

    // B opens the app: the oldest waiting conversation is theirs.
    await recordPresenceHeartbeat(db(), userActor(s.b.id), s.account.id);
    await eventually(second.id).toBe(s.b.id);
    expect(await assigneeOf(third.id)).toBeNull();

    // A resolves theirs: room for the next one.
    await toggleStatus(db(), userActor(s.a.id), s.account.id, first.displayId, { status: "resolved" });
    await eventually(third.id).toBe(s.a.id);

    // B goes busy and A is full: a reopened conversation waits; B back online takes it.
    await setOwnAvailability(db(), userActor(s.b.id), s.account.id, { availability: "busy" });
    await toggleStatus(db(), userActor(s.b.id), s.account.id, second.displayId, { status: "resolved" });
    await db().update(conversations).set({ assigneeId: null }).where(eq(conversations.id, second.id));
    await createMessage(db(), system, s.account.id, second.displayId, { content: "again", messageType: "incoming" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await assigneeOf(second.id)).toBeNull();
    await setOwnAvailability(db(), userActor(s.b.id), s.account.id, { availability: "online" });
    await eventually(second.id).toBe(s.b.id);
  });

  it("the sweep catches what no event announced (a limit raised)", async () => {
    const s = await desk(1);
    const first = await s.arrive("first");
    await eventually(first.id).toBe(s.a.id);
    const second = await s.arrive("second");
    await new Promise((r) => setTimeout(r, 1000));
    expect(await assigneeOf(second.id)).toBeNull();
    await db().update(inboxes).set({ autoAssignmentLimit: 2 }).where(eq(inboxes.id, s.inbox.id));
    const made = await sweepAutoAssignment(db());
    expect(made).toContainEqual({ conversationId: second.id, displayId: second.displayId, assigneeId: s.a.id });
  });
});
