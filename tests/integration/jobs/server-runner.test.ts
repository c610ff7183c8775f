import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, jobRuns } from "@/db/schema";
import { snoozedConversationsDue } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { setEnvVar } from "@/lib/env";
import { createConversation, createWorkspace } from "@/tests/factories";
import { BUILD_TIMEOUT_MS, startAppServer, type AppServer } from "@/tests/support/app-server";

/**
 * The embedded runner inside the production server (started by instrumentation.ts): an event
 * queued from another process is picked up and the snoozed conversation reopens.
 */
let app: AppServer;

beforeAll(async () => {
  app = await startAppServer();
  // sendEvent() in this process writes to the server's database, as a script or a second instance would.
  setEnvVar("DATABASE_URL", app.databaseUrl);
}, BUILD_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("jobs in the running server", () => {
  it("reopens a snoozed conversation when the event is sent, with no Inngest configured", async () => {
    const { account, inbox } = await createWorkspace(app.db);
    const conversation = await createConversation(app.db, account.id, inbox.id, {
      status: "snoozed",
      snoozedUntil: new Date(Date.now() - 60_000),
    });
    await sendEvent(snoozedConversationsDue.create({ reason: "server runner test" }));

    // The run completes after its effects (realtime, integration events) that follow the reopen's commit.
    const deadline = Date.now() + 20_000;
    let status = "snoozed";
    let runs: { eventName: string; status: string }[] = [];
    const done = () => status === "open" && runs.some((r) => r.eventName === "conversations/snoozed.due" && r.status === "completed");
    while (Date.now() < deadline && !done()) {
      await new Promise((r) => setTimeout(r, 200));
      [{ status }] = await app.db.select({ status: conversations.status }).from(conversations).where(eq(conversations.id, conversation.id));
      runs = await app.db.select({ eventName: jobRuns.eventName, status: jobRuns.status }).from(jobRuns);
    }
    expect(status).toBe("open");
    expect(runs).toContainEqual({ eventName: "conversations/snoozed.due", status: "completed" });
  }, 60_000);
});
