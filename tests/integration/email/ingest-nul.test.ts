import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as relay from "@/app/api/ingress/relay/route";
import { channelEmail, messages, rawEmails } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { loadEmailInboxContext } from "@/lib/email/ingest/email-inbox";
import { quarantine } from "@/lib/email/ingest/ingest-raw-email";
import { quarantineUnimportable } from "@/lib/email/ingress/import-stored-inbound";
import { recordPollFailure } from "@/lib/mailbox/imap/health";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";
import { NUL_VARIANTS } from "../../support/nul-mail";

/**
 * Bytes PostgreSQL refuses in text and jsonb (U+0000, lone surrogates) arrive in mail as a raw
 * 0x00, a quoted-printable `=00`, an encoded word or a UTF-16 part. Such a message must be imported
 * (the refused characters dropped), and no failure's text may stop its own recording.
 */
const db = useTestDatabase();
useJobRunner(db);

beforeAll(() => {
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
});

const auth = `Basic ${Buffer.from("ingress:relay-secret").toString("base64")}`;
const send = (raw: Buffer) =>
  relay.POST(new Request("http://desk.test/api/ingress/relay", { method: "POST", body: new Uint8Array(raw), headers: { "content-type": "message/rfc822", authorization: auth } }));

async function supportInbox() {
  const account = await f.createAccount(db());
  const email = `support-${randomBytes(3).toString("hex")}@acme.test`;
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email });
  return { account, inbox, channel, email };
}

function mail(to: string, headers: string[], body: Buffer | string) {
  const id = `${randomBytes(6).toString("hex")}@customer.test`;
  const head = [`From: Carol <carol@customer.test>`, `To: ${to}`, `Message-ID: <${id}>`, `Date: Mon, 05 Jan 2026 10:00:00 +0000`, ...headers, "", ""].join("\r\n");
  return { id, raw: Buffer.concat([Buffer.from(head, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body]) };
}

async function finalRow(rawEmailId: number) {
  await expect
    .poll(async () => (await db().select({ status: rawEmails.status }).from(rawEmails).where(eq(rawEmails.id, rawEmailId)))[0]?.status, { timeout: 10_000, interval: 25 })
    .not.toBe("pending");
  const [row] = await db().select().from(rawEmails).where(eq(rawEmails.id, rawEmailId));
  return row;
}

describe("mail holding bytes PostgreSQL refuses, through the relay ingress", () => {
  it.each(NUL_VARIANTS)("imports %s, without the refused characters", async (_, headers, body, content) => {
    const { inbox, email } = await supportInbox();
    const { raw, id } = mail(email, headers, body);
    const res = await send(raw);
    expect(res.status).toBe(202);
    const { raw_email_id } = await res.json();
    const row = await finalRow(raw_email_id);
    expect({ status: row.status, error: row.error }).toEqual({ status: "imported", error: null });
    const [message] = await db().select().from(messages).where(and(eq(messages.inboxId, inbox.id), eq(messages.sourceId, id)));
    expect(message.content).toMatch(content);
    expect(JSON.stringify(message.contentAttributes)).not.toContain("\\u0000");
  });
});

describe("recording a failure whose text holds bytes PostgreSQL refuses", () => {
  const hostile = `Failed: hello\u0000world \ud800 ${"body ".repeat(20_000)}`;

  it("quarantines with the reason, capped, NUL removed", async () => {
    const { account, inbox, email } = await supportInbox();
    const { raw } = mail(email, ["Subject: s"], "x");
    for (const write of [
      async (id: number) => quarantine(db(), await loadEmailInboxContext(db(), account.id, inbox.id), id, hostile),
      (id: number) => quarantineUnimportable(db(), account.id, id, hostile),
    ]) {
      const [row] = await db()
        .insert(rawEmails)
        .values({ accountId: account.id, inboxId: inbox.id, source: "relay", dedupeKey: randomBytes(4).toString("hex"), sha256: "x", raw, byteSize: raw.length })
        .returning();
      await write(row.id);
      const [after] = await db().select().from(rawEmails).where(eq(rawEmails.id, row.id));
      expect(after.status).toBe("quarantined");
      expect(after.error).toMatch(/^Failed: helloworld/);
      expect(after.error?.length).toBeLessThanOrEqual(1000);
    }
  });

  it("records the inbox's last error, capped, NUL removed", async () => {
    const { account, channel } = await supportInbox();
    await recordPollFailure(db(), account.id, channel.id, 60, { message: hostile, reconnectNeeded: false });
    const [after] = await db().select().from(channelEmail).where(eq(channelEmail.id, channel.id));
    expect(after.health).toBe("error");
    expect(after.lastError).toMatch(/^Failed: helloworld/);
    expect(after.lastError?.length).toBeLessThanOrEqual(1000);
  });
});
