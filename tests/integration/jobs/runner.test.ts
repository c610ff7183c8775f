import { eq, sql } from "drizzle-orm";
import { Inngest, NonRetriableError } from "inngest";
import { beforeEach, describe, expect, it } from "vitest";
import { jobRuns } from "@/db/schema";
import { claimNextRun, claimRuns, enqueueEvent, pruneFinishedRuns } from "@/inngest/runner/queue";
import { describeFunction } from "@/inngest/runner/registry";
import { createRunner } from "@/inngest/runner/runner";
import { useTestDatabase } from "@/tests/support/db";

/**
 * The embedded runner's guarantees, with small functions defined the same way as the real ones:
 * retries with memoized steps, non-retriable failures, concurrency keys, leases that survive a
 * crashed process, and step.sleep.
 */
const db = useTestDatabase();
const client = new Inngest({ id: "runner-test" });
const calls: Record<string, number> = {};
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);

const flaky = client.createFunction({ id: "flaky", triggers: [{ event: "test/flaky.requested" }], retries: 3 }, async ({ step }) => {
  const first = await step.run("first", () => count("first"));
  await step.run("second", () => {
    if (count("second") < 3) throw new Error("temporary failure");
  });
  return { first };
});

const broken = client.createFunction({ id: "broken", triggers: [{ event: "test/broken.requested" }], retries: 5 }, async ({ step }) => {
  await step.run("validate", () => {
    count("validate");
    throw new NonRetriableError("bad input");
  });
});

const perInbox = client.createFunction(
  { id: "per-inbox", triggers: [{ event: "test/inbox.poll" }], concurrency: { key: "event.data.inboxId", limit: 1 } },
  async () => null,
);

const sleepy = client.createFunction({ id: "sleepy", triggers: [{ event: "test/sleepy.requested" }] }, async ({ step }) => {
  await step.run("before", () => count("before"));
  await step.sleep("wait", "1s");
  await step.run("after", () => count("after"));
  return "done";
});

const fns = [flaky, broken, perInbox, sleepy].map((f) => describeFunction(f));
const ids = fns.map((f) => f.id);
const runner = () => createRunner({ db: db(), functions: fns, crons: false, backoffMs: () => 0 });

beforeEach(async () => {
  for (const key of Object.keys(calls)) delete calls[key];
  await db().delete(jobRuns);
});

describe("embedded job runner", () => {
  it("retries a failing step with backoff without repeating the steps that succeeded", async () => {
    await runner().send([{ name: "test/flaky.requested", data: {} }]);
    const r = runner();
    expect(await r.drain()).toEqual(["retrying", "retrying", "completed"]);
    expect(calls).toEqual({ first: 1, second: 3 });
    const [run] = await db().select().from(jobRuns);
    expect(run).toMatchObject({ status: "completed", attempts: 3, output: { first: 1 }, lastError: null });
  });

  it("does not retry a NonRetriableError and records why the run failed", async () => {
    await runner().send([{ name: "test/broken.requested", data: {} }]);
    expect(await runner().drain()).toEqual(["failed"]);
    expect(calls.validate).toBe(1);
    const [run] = await db().select().from(jobRuns);
    expect(run.status).toBe("failed");
    expect(run.lastError).toContain("bad input");
  });

  it("gives up after the function's retries are used", async () => {
    const alwaysFails = client.createFunction({ id: "always-fails", triggers: [{ event: "test/fail" }], retries: 2 }, async () => {
      count("attempt");
      throw new Error("down");
    });
    const r = createRunner({ db: db(), functions: [describeFunction(alwaysFails)], crons: false, backoffMs: () => 0 });
    await r.send([{ name: "test/fail", data: {} }]);
    expect(await r.drain()).toEqual(["retrying", "retrying", "failed"]);
    expect(calls.attempt).toBe(3);
  });

  it("records a failure whose text holds bytes PostgreSQL refuses (NUL), capped, and marks the run failed", async () => {
    const nul = client.createFunction({ id: "nul-error", triggers: [{ event: "test/nul" }], retries: 1 }, async () => {
      count("nul");
      throw new Error(`bad body hello\u0000world ${"x".repeat(50_000)}`);
    });
    const r = createRunner({ db: db(), functions: [describeFunction(nul)], crons: false, backoffMs: () => 0 });
    await r.send([{ name: "test/nul", data: {} }]);
    expect(await r.drain()).toEqual(["retrying", "failed"]);
    const [run] = await db().select().from(jobRuns);
    expect(run).toMatchObject({ status: "failed", attempts: 2 });
    expect(run.lastError).toContain("bad body helloworld");
    expect(run.lastError?.length).toBeLessThanOrEqual(1000);
  });

  it("never runs a job beyond its attempt limit: a run whose last attempt never finished is marked failed", async () => {
    await enqueueEvent(db(), fns, { name: "test/flaky.requested", data: {} });
    // The last allowed attempt was claimed, and its process died (or could not record its result).
    await db().update(jobRuns).set({ status: "running", attempts: 4, maxAttempts: 4, lockedUntil: sql`now() - interval '1 second'` });
    const r = runner();
    expect(await r.drain()).toEqual(["failed"]);
    expect(calls.first).toBeUndefined();
    const [run] = await db().select().from(jobRuns);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(4);
    expect(run.lastError).toMatch(/after 4 attempts/);
    expect(await r.drain()).toEqual([]);
  });

  it("runs one run at a time per concurrency key, others in parallel", async () => {
    await enqueueEvent(db(), fns, { name: "test/inbox.poll", data: { inboxId: 1 } });
    await enqueueEvent(db(), fns, { name: "test/inbox.poll", data: { inboxId: 1 } });
    await enqueueEvent(db(), fns, { name: "test/inbox.poll", data: { inboxId: 2 } });
    const first = await claimNextRun(db(), ids);
    const second = await claimNextRun(db(), ids);
    expect(first?.eventData).toEqual({ inboxId: 1 });
    // The other inbox-1 run waits while the first is running; inbox 2 goes ahead.
    expect(second?.eventData).toEqual({ inboxId: 2 });
    expect(await claimNextRun(db(), ids)).toBeUndefined();
  });

  it("claims several due runs in one statement, in order, never more of one key than its limit", async () => {
    for (const inboxId of [1, 1, 2, 3, 2]) await enqueueEvent(db(), fns, { name: "test/inbox.poll", data: { inboxId } });
    await enqueueEvent(db(), fns, { name: "test/sleepy.requested", data: {} });
    const claimed = await claimRuns(db(), ids, 10);
    expect(claimed.map((r) => r.functionId === "sleepy" ? "sleepy" : (r.eventData as { inboxId: number }).inboxId)).toEqual([1, 2, 3, "sleepy"]);
    expect(claimed.every((r) => r.status === "running" && r.attempts === 1)).toBe(true);
    // The second run of inbox 1 and of inbox 2 wait for theirs to finish; the limit caps a batch.
    expect(await claimRuns(db(), ids, 10)).toEqual([]);
    await db().update(jobRuns).set({ status: "completed" }).where(eq(jobRuns.id, claimed[0].id));
    await db().update(jobRuns).set({ status: "completed" }).where(eq(jobRuns.id, claimed[1].id));
    expect((await claimRuns(db(), ids, 1)).map((r) => r.eventData)).toEqual([{ inboxId: 1 }]);
    expect((await claimRuns(db(), ids, 1)).map((r) => r.eventData)).toEqual([{ inboxId: 2 }]);
  });

  it("runs a batched function's due events of one batch key in one call, each conversation's in order, never a key running elsewhere", async () => {
    const seen: { account: number; conversation: number; n: number }[][] = [];
    const batched = client.createFunction(
      {
        id: "batched",
        triggers: [{ event: "test/batched" }],
        batchEvents: { maxSize: 4, timeout: "1s", key: "event.data.account" },
        concurrency: { key: "event.data.conversation", limit: 1 },
      },
      async ({ events, step }) => {
        await step.run("take", () => seen.push(events.map((e) => e.data as { account: number; conversation: number; n: number })));
        return events.length;
      },
    );
    const fn = describeFunction(batched);
    const r = createRunner({ db: db(), functions: [fn], crons: false, backoffMs: () => 0 });
    const sent = [
      { account: 1, conversation: 1, n: 1 },
      { account: 1, conversation: 2, n: 2 },
      { account: 2, conversation: 9, n: 3 },
      { account: 1, conversation: 1, n: 4 },
      { account: 1, conversation: 3, n: 5 },
      { account: 1, conversation: 1, n: 6 },
    ];
    await r.send(sent.map((data) => ({ name: "test/batched", data })));
    // Conversation 3 is held by a run elsewhere: no batch may take its event meanwhile.
    const [held] = await db().select().from(jobRuns).where(sql`${jobRuns.eventData} ->> 'n' = '5'`);
    await db().update(jobRuns).set({ status: "running", lockedUntil: sql`now() + interval '1 minute'` }).where(eq(jobRuns.id, held.id));
    const outcomes = await r.drain();
    expect(seen.map((batch) => batch.map((e) => e.n))).toEqual([[1, 2, 4, 6], [3]]);
    expect(outcomes).toEqual(["completed", "completed"]);
    const runs = await db().select().from(jobRuns).orderBy(jobRuns.id);
    expect(runs.map((run) => run.status)).toEqual(["completed", "completed", "completed", "completed", "running", "completed"]);
    expect(runs.filter((run) => run.status === "completed").every((run) => run.attempts === 1)).toBe(true);
  });

  it("a run claimed by a process that died is picked up again when its lease expires", async () => {
    await enqueueEvent(db(), fns, { name: "test/flaky.requested", data: {} });
    const claimed = await claimNextRun(db(), ids);
    expect(claimed?.status).toBe("running");
    expect(await claimNextRun(db(), ids)).toBeUndefined();
    await db()
      .update(jobRuns)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobRuns.id, claimed?.id ?? 0));
    const reclaimed = await claimNextRun(db(), ids);
    expect(reclaimed?.id).toBe(claimed?.id);
    expect(reclaimed?.attempts).toBe(2);
  });

  it("step.sleep pauses the run in the queue and resumes after the time, without repeating steps", async () => {
    const r = runner();
    await r.send([{ name: "test/sleepy.requested", data: {} }]);
    expect(await r.drain()).toEqual(["sleeping"]);
    const [paused] = await db().select().from(jobRuns);
    expect(paused.status).toBe("queued");
    expect(paused.runAt.getTime()).toBeGreaterThan(Date.now());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await r.drain()).toEqual(["completed"]);
    expect(calls).toEqual({ before: 1, after: 1 });
    const [done] = await db().select().from(jobRuns);
    expect(done).toMatchObject({ status: "completed", attempts: 1, output: "done" });
  });

  it("the running loop picks up sent events by itself", async () => {
    const r = createRunner({ db: db(), functions: fns, crons: false, pollIntervalMs: 50, backoffMs: () => 0 });
    r.start();
    try {
      await r.send([{ name: "test/flaky.requested", data: {} }]);
      const deadline = Date.now() + 10_000;
      let status: string | undefined;
      while (Date.now() < deadline) {
        [{ status } = { status: undefined }] = await db().select({ status: jobRuns.status }).from(jobRuns);
        if (status === "completed") break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe("completed");
    } finally {
      await r.stop();
    }
  });
});

describe("keeping job_runs small", () => {
  it("deletes completed runs after a day and failed runs after two weeks, never queued ones", async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const base = { functionId: "flaky", eventId: "e", eventName: "test/flaky.requested" };
    await db()
      .insert(jobRuns)
      .values([
        { ...base, status: "completed", finishedAt: hoursAgo(25) },
        { ...base, status: "completed", finishedAt: hoursAgo(1) },
        { ...base, status: "failed", finishedAt: hoursAgo(24 * 3) },
        { ...base, status: "failed", finishedAt: hoursAgo(24 * 15) },
        { ...base, status: "queued", runAt: hoursAgo(24 * 30) },
      ]);
    expect(await pruneFinishedRuns(db())).toBe(2);
    const left = await db().select({ status: jobRuns.status }).from(jobRuns).orderBy(jobRuns.id);
    expect(left.map((r) => r.status)).toEqual(["completed", "failed", "queued"]);
  });
});
