import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { requestInboxPoll } from "@/lib/inboxes/email-poll-now";
import { pollResultWords } from "@/lib/inboxes/poll-result-words";
import { inboxChannel } from "@/lib/realtime/channels";
import type { InboxPolledPayload } from "@/lib/realtime/payloads";
import { createAgent, createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, useDovecot } from "@/tests/support/dovecot";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { useJobRunner } from "@/tests/support/job-runner";
import { connectAs, settle, useRealtimeServer, type TestClient } from "@/tests/support/realtime";

/**
 * "Poll now" answers on the live screen: when the poll it queued has finished, inbox.polled with
 * the request's id arrives on the inbox's channel with the result, which the button puts in words
 * ("Checked just now: 3 new messages", or the error). Scheduled polls publish nothing.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
useJobRunner(db);
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "poll-now-test-key");
});

describeDovecot("Poll now", () => {
  const dovecot = useDovecot();

  async function setup(password = "right-password") {
    const account = await createAccount(db());
    const admin = await createAgent(db(), account.id, { role: "administrator" });
    const email = `support-${Math.random().toString(36).slice(2, 10)}@example.test`;
    await dovecot().addUser(email, "right-password");
    const { inbox } = await createEmailInboxRow(db(), account.id, { email, imap: { host: dovecot().host, port: dovecot().port, password } });
    const client = await connectAs(realtime().port, db, admin.id);
    clients.push(client);
    await client.subscribe(inboxChannel(account.id, inbox.id));
    return { account, admin, inbox, email, client };
  }

  it("publishes the finished poll's result to the screen that asked", async () => {
    const s = await setup();
    for (const n of [1, 2, 3]) await dovecot().appendMessage(s.email, "INBOX", rawMail({ messageId: `now-${n}@example.org`, to: s.email }));

    const { requestId } = await requestInboxPoll(db(), userActor(s.admin.id), s.account.id, s.inbox.id);
    const event = await s.client.waitFor((e) => e.name === "inbox.polled", 15_000);
    expect(event.channel).toBe(inboxChannel(s.account.id, s.inbox.id));
    const result = event.data as InboxPolledPayload;
    expect(result).toMatchObject({ accountId: s.account.id, inboxId: s.inbox.id, requestId, ok: true, imported: 3, error: null });
    expect(pollResultWords(result)).toBe("Checked just now: 3 new messages");
  });

  it("says why the poll failed, in words", async () => {
    const s = await setup("wrong-password");
    const { requestId } = await requestInboxPoll(db(), userActor(s.admin.id), s.account.id, s.inbox.id);
    const event = await s.client.waitFor((e) => e.name === "inbox.polled", 15_000);
    const result = event.data as InboxPolledPayload;
    expect(result).toMatchObject({ requestId, ok: false });
    expect(pollResultWords(result)).toBe(`Could not check for new mail: The IMAP server refused the login for ${s.email}: check the password`);
  });

  it("scheduled polls publish nothing (screens would refresh at every one)", async () => {
    const s = await setup();
    const { sendEvent } = await import("@/lib/jobs/send");
    const { mailboxPollRequested } = await import("@/lib/jobs/events");
    await sendEvent(mailboxPollRequested.create({ accountId: s.account.id, inboxId: s.inbox.id }));
    // Then a Poll now: its result arrives, and it is the only one.
    const { requestId } = await requestInboxPoll(db(), userActor(s.admin.id), s.account.id, s.inbox.id);
    await s.client.waitFor((e) => e.name === "inbox.polled", 15_000);
    await settle();
    expect(s.client.received.filter((e) => e.name === "inbox.polled").map((e) => (e.data as InboxPolledPayload).requestId)).toEqual([requestId]);
  });
});
