import { createHmac, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as mailgun from "@/app/api/ingress/mailgun/route";
import * as relay from "@/app/api/ingress/relay/route";
import { messages, rawEmails } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";

/**
 * Mail addressed to several of our inboxes — of one account or of two — is delivered to each of
 * them once (review M4b: To support@a, Cc support@b reached only A): one stored copy and one
 * import per inbox, and the answer lists every copy.
 */
const db = useTestDatabase();
useJobRunner(db);
const BASE = "http://desk.acme.test";

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "ingress-multi-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
  setEnvVar("MAILGUN_SIGNING_KEY", "mailgun-key");
});

async function twoTenants() {
  const tag = randomBytes(3).toString("hex");
  const a = await f.createAccount(db());
  const b = await f.createAccount(db());
  const inboxA = await createEmailInboxRow(db(), a.id, { email: `support@a-${tag}.test` });
  const inboxB = await createEmailInboxRow(db(), b.id, { email: `support@b-${tag}.test` });
  return { a, b, inboxA: inboxA.inbox, inboxB: inboxB.inbox, emailA: inboxA.channel.email, emailB: inboxB.channel.email };
}

const visible = (inboxId: number, messageId: string) =>
  expect
    .poll(async () => (await db().select().from(messages).where(and(eq(messages.inboxId, inboxId), eq(messages.sourceId, messageId)))).length, { timeout: 10_000, interval: 25 })
    .toBe(1);

const sendRelay = (raw: Buffer, query = "") =>
  relay.POST(
    new Request(`${BASE}/api/ingress/relay${query}`, {
      method: "POST",
      body: new Uint8Array(raw),
      headers: { "content-type": "message/rfc822", authorization: `Basic ${Buffer.from("ingress:relay-secret").toString("base64")}` },
    }),
  );

describe("mail for several inboxes", () => {
  it("relayed To one account's inbox and Cc another's: each gets its own copy once, and the answer lists both", async () => {
    const { inboxA, inboxB, emailA, emailB } = await twoTenants();
    const messageId = `${randomBytes(6).toString("hex")}@customer.test`;
    const raw = rawMail({ to: emailA, cc: emailB, messageId });

    const first = await sendRelay(raw);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({
      status: "accepted",
      results: [
        { status: "accepted", inbox_id: inboxA.id, route: "inbox_address" },
        { status: "accepted", inbox_id: inboxB.id, route: "inbox_address" },
      ],
    });
    await visible(inboxA.id, messageId);
    await visible(inboxB.id, messageId);

    // The relay posts once per envelope recipient: the second post finds both copies stored.
    const again = await sendRelay(raw, `?recipient=${encodeURIComponent(emailB)}`);
    const answer = await again.json();
    expect(answer.results.map((r: { inbox_id: number }) => r.inbox_id).sort()).toEqual([inboxA.id, inboxB.id].sort());
    expect(answer.results.every((r: { status: string }) => r.status === "duplicate" || r.status === "accepted")).toBe(true);
    for (const inboxId of [inboxA.id, inboxB.id]) expect(await db().select().from(rawEmails).where(eq(rawEmails.inboxId, inboxId))).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    await visible(inboxA.id, messageId);
    await visible(inboxB.id, messageId);
  });

  it("a Bcc'd inbox, known only from the envelope, gets its copy too", async () => {
    const { inboxA, inboxB, emailA, emailB } = await twoTenants();
    const messageId = `${randomBytes(6).toString("hex")}@customer.test`;
    const response = await sendRelay(rawMail({ to: emailA, messageId }), `?recipient=${encodeURIComponent(emailB)}`);
    expect((await response.json()).results.map((r: { inbox_id: number }) => r.inbox_id).sort()).toEqual([inboxA.id, inboxB.id].sort());
    await visible(inboxA.id, messageId);
    await visible(inboxB.id, messageId);
  });

  it("a signed Mailgun webhook for two inboxes stores both copies under one token; its replay is refused", async () => {
    const { inboxA, inboxB, emailA, emailB } = await twoTenants();
    const messageId = `${randomBytes(6).toString("hex")}@customer.test`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = randomBytes(25).toString("hex");
    const form = () => {
      const body = new FormData();
      body.set("timestamp", timestamp);
      body.set("token", token);
      body.set("signature", createHmac("sha256", "mailgun-key").update(timestamp + token).digest("hex"));
      body.set("recipient", `${emailA},${emailB}`);
      body.set("body-mime", new Blob([new Uint8Array(rawMail({ to: emailA, cc: emailB, messageId }))]), "message.mime");
      return body;
    };
    const ok = await mailgun.POST(new Request(`${BASE}/api/ingress/mailgun`, { method: "POST", body: form() }));
    expect(ok.status).toBe(202);
    expect((await ok.json()).results).toHaveLength(2);
    await visible(inboxA.id, messageId);
    await visible(inboxB.id, messageId);
    const replay = await mailgun.POST(new Request(`${BASE}/api/ingress/mailgun`, { method: "POST", body: form() }));
    expect(replay.status).toBe(401);
  });
});
