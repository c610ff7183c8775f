import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import {
  createEmailInboxAction,
  pollInboxNowAction,
  reprocessRawEmailAction,
  setInboxBackfillAction,
  updateEmailInboxAction,
} from "@/app/_server/actions/email-inboxes";
import { channelEmail, jobRuns, rawEmails } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { getEmailInboxHealth } from "@/lib/inboxes/email-health";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

/** The settings screens' server actions, run as a given signed-in user. */
const db = useTestDatabase();
const as = (userId: number) => ({ actor: userActor(userId), userId });

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "inbox-actions-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
});

// What the wizard sends: the form's fields after channelFromForm (IMAP on, SMTP off).
const wizard = {
  email: "desk@acme-actions.test",
  imapEnabled: true,
  imapAddress: "imap.acme-actions.test",
  imapPort: 993,
  imapLogin: "desk@acme-actions.test",
  imapPassword: "wizard-secret",
  imapEnableSsl: true,
  imapFolder: "INBOX",
  imapProcessedFolder: "Processed",
  imapAfterImport: "move",
  pollIntervalSeconds: 120,
  smtpEnabled: false,
};

describe("email inbox settings actions", () => {
  it("creates an inbox from the wizard, saves settings, queues a poll and a backfill; agents are refused", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const created = await runActionAs(createEmailInboxAction, as(admin.id), { accountId: account.id, name: "Desk", channel: wizard });
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const inboxId = created.data.id;

    const refused = await runActionAs(createEmailInboxAction, as(agent.id), { accountId: account.id, name: "Nope", channel: { ...wizard, email: "x@acme.test" } });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed|administrator/i) });
    const invalid = await runActionAs(createEmailInboxAction, as(admin.id), { accountId: account.id, name: "Bad", channel: { ...wizard, email: "y@acme.test", pollIntervalSeconds: 5 } });
    expect(invalid).toMatchObject({ ok: false, error: expect.stringMatching(/at least 30 seconds/) });

    const saved = await runActionAs(updateEmailInboxAction, as(admin.id), { accountId: account.id, inboxId, channel: { ...wizard, imapPassword: null, pollIntervalSeconds: 300 } });
    expect(saved).toMatchObject({ ok: true });
    const [row] = await db().select().from(channelEmail).where(eq(channelEmail.accountId, account.id));
    expect(row.pollIntervalSeconds).toBe(300);
    expect(row.imapPasswordEnc).toEqual(expect.any(String));

    expect(await runActionAs(pollInboxNowAction, as(admin.id), { accountId: account.id, inboxId })).toMatchObject({ ok: true, data: { queued: true } });
    const runs = await db().select().from(jobRuns).where(eq(jobRuns.eventName, "mailbox/poll.requested"));
    expect(runs.some((r) => r.eventData.inboxId === inboxId && r.eventData.accountId === account.id)).toBe(true);
    expect(await runActionAs(pollInboxNowAction, as(agent.id), { accountId: account.id, inboxId })).toMatchObject({ ok: false });

    const backfill = await runActionAs(setInboxBackfillAction, as(admin.id), { accountId: account.id, inboxId, since: "2025-01-01" });
    expect(backfill).toMatchObject({ ok: true, data: { backfillSince: "2025-01-01T00:00:00.000Z" } });
    const future = await runActionAs(setInboxBackfillAction, as(admin.id), { accountId: account.id, inboxId, since: "2999-01-01" });
    expect(future).toMatchObject({ ok: false, error: expect.stringMatching(/in the past/) });
  });

  it("lists a quarantined message in the health panel with its error, and Reprocess runs it again", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const created = await runActionAs(createEmailInboxAction, as(admin.id), { accountId: account.id, name: "Desk", channel: { ...wizard, email: "quarantine@acme-actions.test", imapEnabled: false } });
    if (!created.ok) throw new Error(created.error);
    const inboxId = created.data.id;
    const broken = Buffer.from("this is not an email at all\r\n");
    const result = await ingestRawEmail(db(), { accountId: account.id, inboxId, source: "relay", raw: broken });
    expect(result.status).toBe("quarantined");

    const health = await getEmailInboxHealth(db(), userActor(admin.id), account.id, inboxId);
    expect(health.quarantinedCount).toBe(1);
    expect(health.quarantined[0]).toMatchObject({ id: result.rawEmailId, error: expect.stringMatching(/parsed|email/i) });

    const again = await runActionAs(reprocessRawEmailAction, as(admin.id), { accountId: account.id, rawEmailId: result.rawEmailId });
    expect(again).toMatchObject({ ok: true, data: { status: "quarantined" } });
    const [stored] = await db().select().from(rawEmails).where(eq(rawEmails.id, result.rawEmailId));
    expect(stored.status).toBe("quarantined");

    // Quarantined mail often has broken bytes in its headers: the panel still names it.
    const eightBit = Buffer.concat([
      Buffer.from("From: =?utf-8?q?Jos=C3=A9?= <jose@customer.test>\r\nSubject: =?iso-8859-1?q?Caf=E9_order?=\r\nX-Junk: "),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from("\r\n\r\nbody"),
    ]);
    await db().insert(rawEmails).values({
      accountId: account.id,
      inboxId,
      source: "imap",
      dedupeKey: "eight-bit",
      sha256: "0".repeat(64),
      raw: eightBit,
      byteSize: eightBit.length,
      status: "quarantined",
      error: "The message could not be imported: test",
    });
    const after = await getEmailInboxHealth(db(), userActor(admin.id), account.id, inboxId);
    expect(after.quarantinedCount).toBe(2);
    expect(after.stuckCount).toBe(0);
    // A message stored long ago and still not imported is "stuck": the panel counts it.
    await db().insert(rawEmails).values({
      accountId: account.id,
      inboxId,
      source: "relay",
      dedupeKey: "stuck-pending",
      sha256: "1".repeat(64),
      raw: eightBit,
      byteSize: eightBit.length,
      receivedAt: new Date(Date.now() - 60 * 60_000),
    });
    expect((await getEmailInboxHealth(db(), userActor(admin.id), account.id, inboxId)).stuckCount).toBe(1);
    expect(after.quarantined.find((q) => q.error?.endsWith(": test"))).toMatchObject({ subject: "Café order", from: expect.stringContaining("José") });
  });
});
