import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as relay from "@/app/api/ingress/relay/route";
import { messages, rawEmails } from "@/db/schema";
import { sha256Hex } from "@/lib/email/ingest/dedupe-key";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";

/**
 * A duplicate is the same Message-ID AND the same message (sender, date, subject, body); the
 * transport headers (Received, Delivered-To…) and line endings may differ. A different message
 * that reuses an id is imported, and the ingress answer says which of the two happened.
 */
const db = useTestDatabase();
useJobRunner(db);

beforeAll(() => {
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
});

const auth = `Basic ${Buffer.from("ingress:relay-secret").toString("base64")}`;
const send = async (raw: Buffer) =>
  (await relay.POST(new Request("http://desk.test/api/ingress/relay", { method: "POST", body: new Uint8Array(raw), headers: { "content-type": "message/rfc822", authorization: auth } }))).json();

async function supportInbox() {
  const account = await f.createAccount(db());
  const email = `support-${randomBytes(3).toString("hex")}@acme.test`;
  const { inbox } = await createEmailInboxRow(db(), account.id, { email });
  return { account, inbox, email, scope: { accountId: account.id, inboxId: inbox.id } };
}

const incoming = (inboxId: number, sourceId: string) =>
  db().select({ content: messages.content }).from(messages).where(and(eq(messages.inboxId, inboxId), eq(messages.sourceId, sourceId)));

const date = new Date("2026-01-05T10:00:00Z");

describe("a Message-ID reused by a different message", () => {
  it("relay: imports the second message and answers accepted; the same message again answers duplicate", async () => {
    const { inbox, email } = await supportInbox();
    const first = rawMail({ to: email, messageId: "reused@customer.test", date, body: "first message" });
    const other = rawMail({ to: email, messageId: "reused@customer.test", date, body: "a different message" });
    expect(await send(first)).toMatchObject({ status: "accepted" });
    expect(await send(other)).toMatchObject({ status: "accepted" });
    await expect.poll(async () => (await incoming(inbox.id, "reused@customer.test")).length, { timeout: 10_000, interval: 25 }).toBe(2);
    // Relayed again, with a transport header added and bare LF line ends: the same message.
    const relayed = Buffer.from(`Received: from mx2.example (mx2)\r\nDelivered-To: ${email}\r\n${first.toString("latin1")}`.replace(/\r\n/g, "\n"), "latin1");
    expect(await send(first)).toMatchObject({ status: "duplicate" });
    expect(await send(relayed)).toMatchObject({ status: "duplicate" });
    expect(await db().select().from(rawEmails).where(eq(rawEmails.inboxId, inbox.id))).toHaveLength(2);
  });

  it("a second delivery still being imported answers duplicate too", async () => {
    const { account, inbox, email } = await supportInbox();
    const raw = rawMail({ to: email, messageId: "pending@customer.test", date });
    const first = await send(raw);
    // Whatever the import job is doing meanwhile, the second answer is about storing: the bytes are kept once.
    await db().update(rawEmails).set({ status: "pending" }).where(and(eq(rawEmails.accountId, account.id), eq(rawEmails.id, first.raw_email_id)));
    expect(await send(raw)).toMatchObject({ status: "duplicate", raw_email_id: first.raw_email_id, inbox_id: inbox.id });
  });

  it("IMAP batch: both messages with the reused id import; a re-fetch of either is a duplicate", async () => {
    const { inbox, scope } = await supportInbox();
    const a = rawMail({ messageId: "batch-reused@customer.test", date, subject: "one" });
    const b = rawMail({ messageId: "batch-reused@customer.test", date, subject: "two" });
    const results = await ingestRawEmails(db(), { ...scope, source: "imap", items: [{ raw: a }, { raw: b }, { raw: a }] });
    expect(results.map((r) => r.status)).toEqual(["imported", "imported", "duplicate"]);
    const again = await ingestRawEmails(db(), { ...scope, source: "imap", items: [{ raw: b }] });
    expect(again.map((r) => r.status)).toEqual(["duplicate"]);
    expect(await incoming(inbox.id, "batch-reused@customer.test")).toHaveLength(2);
  });

  it("rows stored under the old key (the Message-ID alone) keep working", async () => {
    const { inbox, scope } = await supportInbox();
    const old = rawMail({ messageId: "legacy@customer.test", date, body: "stored before the upgrade" });
    // As the previous version stored it: the key is the bare Message-ID.
    await db().insert(rawEmails).values({ ...scope, source: "imap", dedupeKey: "legacy@customer.test", sha256: sha256Hex(old), raw: old, byteSize: old.length, status: "imported" });
    const refetched = Buffer.concat([Buffer.from("Received: from again\r\n"), old]);
    expect((await ingestRawEmail(db(), { ...scope, source: "imap", raw: refetched })).status).toBe("duplicate");
    expect((await ingestRawEmails(db(), { ...scope, source: "imap", items: [{ raw: old }] }))[0].status).toBe("duplicate");
    const different = rawMail({ messageId: "legacy@customer.test", date, body: "a new message reusing the id" });
    expect((await ingestRawEmail(db(), { ...scope, source: "imap", raw: different })).status).toBe("imported");
    expect(await incoming(inbox.id, "legacy@customer.test")).toEqual([{ content: "a new message reusing the id" }]);
  });
});
