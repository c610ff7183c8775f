import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { jobRuns } from "@/db/schema";
import { pollMailboxFunction } from "@/inngest/functions/mailbox/poll-mailboxes";
import { describeFunction } from "@/inngest/runner/registry";
import { createRunner } from "@/inngest/runner/runner";
import { setEnvVar } from "@/lib/env";
import { mailboxPollRequested } from "@/lib/jobs/events";
import { claimDueMailboxes } from "@/lib/mailbox/imap/due-mailboxes";
import { recordPollSuccess } from "@/lib/mailbox/imap/health";
import { createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow } from "@/tests/support/email-inbox";

/**
 * Polls run on the inbox's schedule, not on the minute cron's: an inbox set to 60 s is polled
 * every 60 s (it used to be every 120 s: the poll's end pushed the due time just past the next
 * tick), and one set to 30 s or 90 s is polled at those intervals between the ticks. Time is driven
 * explicitly: each cron tick claims with its own `now`, each poll records its result 2 s later.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "imap-schedule-test-key");
});

async function pollTimes(intervalSeconds: number, minutes: number): Promise<number[]> {
  const account = await createAccount(db());
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, {
    imap: { host: "imap.example.test", port: 993, password: "secret" },
    pollIntervalSeconds: intervalSeconds,
  });
  const t0 = Date.UTC(2026, 11, 6, 0, 39, 0);
  const polls: number[] = [];
  for (let m = 0; m <= minutes; m++) {
    // The minute cron runs a moment after the minute starts.
    const tick = new Date(t0 + m * 60_000 + 400);
    const claimed = (await claimDueMailboxes(db(), { now: tick })).filter((c) => c.inboxId === inbox.id);
    for (const c of claimed) {
      // A poll runs at its due time (or at once when there is none), takes 2 s and records its result.
      const startedAt = Math.max(tick.getTime(), Date.parse(c.dueAt));
      polls.push(startedAt);
      await recordPollSuccess(db(), account.id, channel.id, intervalSeconds, new Date(startedAt + 2_000), new Date(startedAt));
    }
  }
  return polls.sort((a, b) => a - b);
}

const gapsInSeconds = (times: number[]) => times.slice(1).map((t, i) => (t - times[i]) / 1000);

describe("IMAP poll schedule", () => {
  it("polls an inbox set to 60 s about every 60 s, not every 120 s", async () => {
    const times = await pollTimes(60, 6);
    expect(times.length).toBeGreaterThanOrEqual(6);
    for (const gap of gapsInSeconds(times)) expect(gap).toSatisfy((g: number) => g >= 59 && g <= 63);
  });

  it("polls an inbox set to 30 s twice a minute, and one set to 90 s every 90 s", async () => {
    const every30 = await pollTimes(30, 4);
    expect(every30.length).toBeGreaterThanOrEqual(8);
    for (const gap of gapsInSeconds(every30)) expect(gap).toSatisfy((g: number) => g >= 29 && g <= 33);
    const every90 = await pollTimes(90, 6);
    expect(every90.length).toBeGreaterThanOrEqual(4);
    for (const gap of gapsInSeconds(every90)) expect(gap).toSatisfy((g: number) => g >= 89 && g <= 93);
  });

  it("a poll requested for a time within the minute waits for that time, then runs", async () => {
    await db().delete(jobRuns);
    const account = await createAccount(db());
    // IMAP off: the poll ends at once with a reason, which is all this test needs to see it ran.
    const { inbox } = await createEmailInboxRow(db(), account.id);
    const runner = createRunner({ db: db(), functions: [describeFunction(pollMailboxFunction)], crons: false, backoffMs: () => 0 });
    const dueAt = new Date(Date.now() + 1_500);
    await runner.send([mailboxPollRequested.create({ accountId: account.id, inboxId: inbox.id, dueAt: dueAt.toISOString() })]);
    expect(await runner.drain()).toEqual(["sleeping"]);
    const [waiting] = await db().select().from(jobRuns).where(eq(jobRuns.functionId, "poll-mailbox"));
    expect(Math.abs(waiting.runAt.getTime() - dueAt.getTime())).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, dueAt.getTime() - Date.now() + 100));
    expect(await runner.drain()).toEqual(["completed"]);
  });
});
