import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { inboxMembers, rawEmails } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { deleteQuarantinedEmail, getQuarantinedEmailFile } from "@/lib/email/ingest/quarantined-email";
import { reprocessRawEmail } from "@/lib/email/ingest/reprocess-raw-email";
import { setEnvVar } from "@/lib/env";
import { getEmailInboxHealth } from "@/lib/inboxes/email-health";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";

/**
 * The quarantine on an email inbox's health panel: administrators of the account read decoded
 * subjects and reasons, download the original, delete it, or reprocess it and read the result
 * in words. Agents and administrators of other accounts can do none of it.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "quarantine-test-key");
});

async function setup() {
  const { account, admin, agent } = await f.createWorkspace(db());
  const { inbox } = await createEmailInboxRow(db(), account.id);
  await db().insert(inboxMembers).values({ accountId: account.id, inboxId: inbox.id, userId: agent.id });
  const other = await f.createWorkspace(db());
  const ingest = (raw: Buffer) => ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
  return { account, admin, agent, inbox, other, ingest };
}

describe("the quarantine", () => {
  it("shows decoded subjects and reasons without replacement characters or mojibake", async () => {
    const { account, admin, inbox, ingest } = await setup();
    // A broken encoded word (bytes that are not UTF-8 under a UTF-8 label), no sender: quarantined.
    const broken = await ingest(Buffer.from("To: support@example.test\r\nSubject: =?utf-8?B?bv8kej?=\r\nMessage-ID: <broken@x.test>\r\n\r\nbody\r\n"));
    expect(broken.status).toBe("quarantined");
    // Not an email; its first line is UTF-8 and must read as written.
    const prose = await ingest(Buffer.from("ÿes, this is prose\r\nnot headers\r\n", "utf8"));
    expect(prose.status).toBe("quarantined");
    const health = await getEmailInboxHealth(db(), userActor(admin.id), account.id, inbox.id);
    const listed = health.quarantined.find((q) => q.id === broken.rawEmailId);
    expect(listed?.subject).toBe("nÿ$z");
    const error = health.quarantined.find((q) => q.id === prose.rawEmailId)?.error ?? "";
    expect(error).toContain('"ÿes, this is prose"');
    expect(error).not.toMatch(/Ã|�/);
  });

  it("lets an administrator download the original and delete it", async () => {
    const { account, admin, inbox, ingest } = await setup();
    const raw = Buffer.from("To: support@example.test\r\nSubject: nobody\r\nMessage-ID: <dl@x.test>\r\n\r\nkeep me\r\n");
    const { rawEmailId } = await ingest(raw);
    const file = await getQuarantinedEmailFile(db(), userActor(admin.id), account.id, rawEmailId);
    expect(Buffer.compare(file.raw, raw)).toBe(0);
    expect(file.filename).toMatch(/\.eml$/);
    await deleteQuarantinedEmail(db(), userActor(admin.id), account.id, rawEmailId);
    expect(await db().select().from(rawEmails).where(eq(rawEmails.id, rawEmailId))).toEqual([]);
    expect((await getEmailInboxHealth(db(), userActor(admin.id), account.id, inbox.id)).quarantinedCount).toBe(0);
    await expect(deleteQuarantinedEmail(db(), userActor(admin.id), account.id, rawEmailId)).rejects.toMatchObject({ status: 404 });
  });

  it("reprocesses with the result in words", async () => {
    const { account, admin, inbox, ingest } = await setup();
    const junk = await ingest(Buffer.from("To: support@example.test\r\nSubject: still no sender\r\nMessage-ID: <junk@x.test>\r\n\r\nx\r\n"));
    const still = await reprocessRawEmail(db(), userActor(admin.id), account.id, junk.rawEmailId);
    expect(still.summary).toMatch(/^Still quarantined: The message has no sender address/);

    // Quarantined by a passing failure (the database restarted): now it imports.
    const raw = rawMail({ messageId: "was-down@x.test" });
    const [row] = await db()
      .insert(rawEmails)
      .values({ accountId: account.id, inboxId: inbox.id, source: "imap", dedupeKey: "was-down", sha256: "0", raw, byteSize: raw.length, status: "quarantined", error: "Database restarted" })
      .returning();
    const done = await reprocessRawEmail(db(), userActor(admin.id), account.id, row.id);
    expect(done.summary).toBe(`Imported into conversation #${done.conversationDisplayId}`);
    const [after] = await db().select().from(rawEmails).where(and(eq(rawEmails.id, row.id)));
    expect(after.status).toBe("imported");
  });

  it("refuses agents of the account and administrators of another account", async () => {
    const { account, agent, other, ingest } = await setup();
    const { rawEmailId } = await ingest(Buffer.from("To: support@example.test\r\nSubject: nobody\r\nMessage-ID: <authz@x.test>\r\n\r\nx\r\n"));
    const callers = [
      { actor: userActor(agent.id), accountId: account.id, status: 403 },
      { actor: userActor(other.admin.id), accountId: account.id, status: 404 },
      // Their own account's id with this account's message: not found either.
      { actor: userActor(other.admin.id), accountId: other.account.id, status: 404 },
    ];
    for (const { actor, accountId, status } of callers) {
      await expect(getQuarantinedEmailFile(db(), actor, accountId, rawEmailId)).rejects.toMatchObject({ status });
      await expect(deleteQuarantinedEmail(db(), actor, accountId, rawEmailId)).rejects.toMatchObject({ status });
      await expect(reprocessRawEmail(db(), actor, accountId, rawEmailId)).rejects.toMatchObject({ status });
    }
    const [row] = await db().select().from(rawEmails).where(eq(rawEmails.id, rawEmailId));
    expect(row.status).toBe("quarantined");
  });
});
