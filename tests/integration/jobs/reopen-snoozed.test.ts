import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { conversations, jobRuns, messages } from "@/db/schema";
import { snoozedConversationsDue } from "@/lib/jobs/events";
import { reopenSnoozedConversations } from "@/inngest/functions/conversations/reopen-snoozed";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { sendEvent } from "@/lib/jobs/send";
import { createConversation, createWorkspace } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

async function statusOf(id: number) {
  const [row] = await db().select({ status: conversations.status, snoozedUntil: conversations.snoozedUntil }).from(conversations).where(eq(conversations.id, id));
  return row;
}

async function activityLines(conversationId: number) {
  const rows = await db()
    .select({ content: messages.content })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.messageType, "activity")));
  return rows.map((r) => r.content);
}

/** A conversation whose snooze ended a minute ago and one still snoozed for an hour. */
async function seed() {
  const { account, inbox } = await createWorkspace(db());
  const due = await createConversation(db(), account.id, inbox.id, { status: "snoozed", snoozedUntil: minutesFromNow(-1) });
  const later = await createConversation(db(), account.id, inbox.id, { status: "snoozed", snoozedUntil: minutesFromNow(60) });
  return { due, later };
}

beforeEach(async () => {
  await db().update(conversations).set({ status: "resolved", snoozedUntil: null });
  await db().delete(jobRuns);
});

describe("reopening snoozed conversations", () => {
  it("the Inngest function reopens only conversations whose snooze has ended, with an activity line", async () => {
    const { due, later } = await seed();
    const engine = new InngestTestEngine({ function: reopenSnoozedConversations });
    const { result, error } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ reopened: 1 });
    expect(await statusOf(due.id)).toEqual({ status: "open", snoozedUntil: null });
    expect((await statusOf(later.id)).status).toBe("snoozed");
    expect(await activityLines(due.id)).toEqual(["Conversation was reopened"]);

    // A second sweep finds nothing to do and writes no second line.
    const again = await new InngestTestEngine({ function: reopenSnoozedConversations }).execute({
      events: [{ name: "conversations/snoozed.due", data: {} }],
    });
    expect(again.result).toEqual({ reopened: 0 });
    expect(await activityLines(due.id)).toHaveLength(1);
  });

  it("the embedded runner fires the cron once per minute and runs the function", async () => {
    const { due, later } = await seed();
    // Only this function: other functions' crons would fire in the same minute.
    const functions = runnableFunctions().filter((f) => f.id === "reopen-snoozed-conversations");
    const runner = createRunner({ db: db(), functions, crons: false });
    const minute = new Date();
    expect(await runner.fireCrons(minute)).toBe(1);
    // Another process firing the same minute does not create a second run.
    expect(await runner.fireCrons(minute)).toBe(0);
    expect(await runner.drain()).toEqual(["completed"]);
    expect((await statusOf(due.id)).status).toBe("open");
    expect((await statusOf(later.id)).status).toBe("snoozed");
    const [run] = await db().select().from(jobRuns);
    expect(run).toMatchObject({ functionId: "reopen-snoozed-conversations", status: "completed", attempts: 1, output: { reopened: 1 } });
  });

  it("an event sent with sendEvent() is queued durably and run by the runner", async () => {
    const { due } = await seed();
    await sendEvent(snoozedConversationsDue.create({ reason: "test" }));
    const [queued] = await db().select().from(jobRuns);
    expect(queued).toMatchObject({ eventName: "conversations/snoozed.due", status: "queued", eventData: { reason: "test" } });
    expect((await statusOf(due.id)).status).toBe("snoozed");

    // A runner started later (say, after a restart) picks it up.
    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false });
    expect(await runner.drain()).toEqual(["completed"]);
    expect((await statusOf(due.id)).status).toBe("open");
  });

  it("rejects event data that does not match the event's schema", async () => {
    await expect(sendEvent(snoozedConversationsDue.create({ reason: "x".repeat(500) }))).rejects.toThrow();
    expect(await db().select().from(jobRuns)).toHaveLength(0);
  });
});
