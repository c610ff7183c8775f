import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { automationEvents, automationRuleRuns } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createRule } from "@/lib/automation/rules";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import { setEnvVar } from "@/lib/env";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * An import's events for automation rules are written with the import, in its transaction and in
 * one insert for the batch (an outbox), then evaluated after the commit like any other: in order,
 * each rule once per event.
 */
const db = useTestDatabase();
const record = useWireRecording();

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "import-outbox-test-key-0123456789"));

describe("an import's automation events", () => {
  it("are one insert inside the import's transaction, in the batch's order, and each fires its rule once", async () => {
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    await createLabel(db(), admin, w.account.id, { title: "refund" });
    await createRule(db(), admin, w.account.id, {
      name: "Refunds",
      event_name: "message_created",
      conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["refund"], query_operator: null }],
      actions: [{ action_name: "add_label", action_params: ["refund"] }],
    });
    const { inbox, channel } = await createEmailInboxRow(db(), w.account.id);
    const mails = ["a", "b", "c"].map((k) => rawMail({ from: `${k} <${k}@example.org>`, to: channel.email, subject: `Order ${k}`, messageId: `outbox-${k}@example.org`, body: "A refund, please." }));

    const statements = await record(() => ingestRawEmails(db(), { accountId: w.account.id, inboxId: inbox.id, source: "imap", items: mails.map((raw) => ({ raw })) }));
    const inserts = statements.filter((s) => /^insert into "automation_events"/.test(s.text));
    expect(inserts).toHaveLength(1);
    // Inside the import's transaction: on the same connection, between its BEGIN and COMMIT.
    const onItsConnection = statements.filter((s) => s.connection === inserts[0].connection);
    const begin = onItsConnection.findLastIndex((s, i) => /^begin/i.test(s.text) && i < onItsConnection.indexOf(inserts[0]));
    const commit = onItsConnection.findIndex((s, i) => /^commit/i.test(s.text) && i > onItsConnection.indexOf(inserts[0]));
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(commit).toBeGreaterThan(begin);

    const events = await db()
      .select({ name: automationEvents.eventName, conversationId: automationEvents.conversationId, pending: automationEvents.processedAt })
      .from(automationEvents)
      .where(eq(automationEvents.accountId, w.account.id))
      .orderBy(asc(automationEvents.id));
    const names = events.map((e) => [e.name, e.pending === null ? "pending" : "evaluated"]);
    expect(names).toEqual(
      Array.from({ length: 3 }, () => [
        ["conversation_created", "evaluated"],
        ["message_created", "pending"],
      ]).flat(),
    );
    expect(await processPendingAutomationEvents(db(), w.account.id)).toEqual({ events: 3, fired: 3 });
    expect(await processPendingAutomationEvents(db(), w.account.id)).toEqual({ events: 0, fired: 0 });
    const runs = await db().select().from(automationRuleRuns).where(and(eq(automationRuleRuns.accountId, w.account.id), eq(automationRuleRuns.outcome, "fired")));
    expect(runs).toHaveLength(3);
  });
});
