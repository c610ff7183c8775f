import { createHmac, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as mailgun from "@/app/api/ingress/mailgun/route";
import * as mandrill from "@/app/api/ingress/mandrill/route";
import * as postmark from "@/app/api/ingress/postmark/route";
import * as relay from "@/app/api/ingress/relay/route";
import * as sendgrid from "@/app/api/ingress/sendgrid/route";
import { inboxes, messages, rawEmails } from "@/db/schema";
import { inboundEmailStored } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { setEnvVar } from "@/lib/env";
import { mandrillSignature } from "@/lib/email/ingress/verify";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { basicAuth as basic, setIngressSecrets } from "../../support/relay";
import { createEmailInboxRow } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";

/**
 * Each ingress verifies, routes, stores and answers 202 at once; the import runs as a job (the
 * runner below, as under `npm start`), so these tests wait for the message to appear in its inbox.
 */
const db = useTestDatabase();
useJobRunner(db);
const BASE = "http://desk.acme.test";
const MANDRILL_URL = `${BASE}/api/ingress/mandrill`;

beforeAll(() => {
  setIngressSecrets("ingress-providers");
});


function mail(to: string, subject = "Printer on fire") {
  const id = `${randomBytes(6).toString("hex")}@customer.test`;
  const raw = Buffer.from(
    [`From: Carol Customer <carol@customer.test>`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: <${id}>`, `Date: Mon, 05 Jan 2026 10:00:00 +0000`, "", "Help, it is still burning.", ""].join("\r\n"),
  );
  return { raw, id };
}

async function supportInbox() {
  const account = await f.createAccount(db());
  const email = `support-${randomBytes(3).toString("hex")}@acme.test`;
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email });
  return { account, inbox, channel, email };
}

async function storedFor(inboxId: number) {
  return db().select().from(rawEmails).where(eq(rawEmails.inboxId, inboxId));
}

async function importedMessage(inboxId: number, messageId: string) {
  const [row] = await db()
    .select()
    .from(messages)
    .where(and(eq(messages.inboxId, inboxId), eq(messages.sourceId, messageId)));
  return row;
}

/** The message as an agent would find it in the inbox, once the import job has run. */
async function visibleMessage(inboxId: number, messageId: string) {
  await expect.poll(() => importedMessage(inboxId, messageId), { timeout: 10_000, interval: 25 }).toBeDefined();
  return importedMessage(inboxId, messageId);
}

const post = (path: string, init: RequestInit) => new Request(`${BASE}${path}`, { method: "POST", ...init });

describe("relay ingress (Postfix / getmail pipes)", () => {
  const send = (raw: Buffer, auth: string | null, query = "") =>
    relay.POST(post(`/api/ingress/relay${query}`, { body: new Uint8Array(raw), headers: { "content-type": "message/rfc822", ...(auth ? { authorization: auth } : {}) } }));

  it("accepts mail for an inbox at once (202), imports it once: a second delivery is a duplicate", async () => {
    const { inbox, email } = await supportInbox();
    const { raw, id } = mail(email);
    const first = await send(raw, basic("ingress", "relay-secret"));
    expect(first.status).toBe(202);
    const accepted = await first.json();
    expect(accepted).toMatchObject({ status: "accepted", raw_email_id: expect.any(Number), inbox_id: inbox.id, route: "inbox_address" });
    expect((await visibleMessage(inbox.id, id))?.content).toContain("still burning");
    const again = await send(raw, basic("ingress", "relay-secret"));
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: "duplicate", raw_email_id: accepted.raw_email_id, inbox_id: inbox.id, route: "inbox_address" });
    expect(await storedFor(inbox.id)).toHaveLength(1);
  });

  it("answers 202 for a message that cannot be imported; the job quarantines it for an administrator", async () => {
    const { inbox, email } = await supportInbox();
    // Routable by its header block, but without a sender no contact can be given the message.
    const broken = Buffer.from(`To: ${email}\r\nSubject: Who sent this?\r\nMessage-ID: <nofrom-${randomBytes(4).toString("hex")}@x.test>\r\n\r\n\xff\xfe garbage\r\n`, "latin1");
    const res = await send(broken, basic("ingress", "relay-secret"));
    expect(res.status).toBe(202);
    const { raw_email_id } = await res.json();
    await expect
      .poll(async () => (await storedFor(inbox.id)).find((r) => r.id === raw_email_id)?.status, { timeout: 10_000, interval: 25 })
      .toBe("quarantined");
    const [row] = (await storedFor(inbox.id)).filter((r) => r.id === raw_email_id);
    expect(row.error).toMatch(/no sender address/);
    const [{ count }] = await db().select({ count: sql<number>`count(*)::int` }).from(messages).where(eq(messages.inboxId, inbox.id));
    expect(count).toBe(0);
    // The sender's retry of the same bytes changes nothing.
    expect(await (await send(broken, basic("ingress", "relay-secret"))).json()).toMatchObject({ status: "duplicate", raw_email_id });
  });

  it("quarantines a stored message whose import job fails on every attempt, instead of leaving it pending", async () => {
    const { account, inbox, email } = await supportInbox();
    const { raw } = mail(email);
    const [row] = await db()
      .insert(rawEmails)
      .values({ accountId: account.id, inboxId: inbox.id, source: "relay", dedupeKey: "stuck", sha256: "stuck", raw, byteSize: raw.length })
      .returning();
    // The import cannot load the inbox as an email inbox any more: each attempt throws.
    await db().update(inboxes).set({ channelType: "api" }).where(eq(inboxes.id, inbox.id));
    await sendEvent(inboundEmailStored.create({ accountId: account.id, inboxId: inbox.id, rawEmailId: row.id }));
    await expect.poll(async () => (await storedFor(inbox.id))[0]?.status, { timeout: 10_000, interval: 25 }).toBe("quarantined");
    expect((await storedFor(inbox.id))[0].error).toMatch(/could not be imported after 5 attempts: Email inbox not found/);
  });

  it("routes by the envelope recipient Postfix passes, e.g. the forwarding address", async () => {
    const { inbox, channel } = await supportInbox();
    const { raw } = mail("undisclosed-recipients:;");
    const res = await send(raw, basic("ingress", "relay-secret"), `?recipient=${channel.forwardingToken}%40in.postdesk.test`);
    expect(await res.json()).toMatchObject({ status: "accepted", inbox_id: inbox.id, route: "forwarding_address" });
  });

  it("refuses wrong credentials (401), the wrong content type (422) and unroutable mail (422, nothing stored)", async () => {
    const { inbox, email } = await supportInbox();
    const { raw } = mail(email);
    expect((await send(raw, null)).status).toBe(401);
    expect((await send(raw, basic("ingress", "wrong"))).status).toBe(401);
    expect((await send(raw, basic("someone", "relay-secret"))).status).toBe(401);
    const json = await relay.POST(post("/api/ingress/relay", { body: "{}", headers: { "content-type": "application/json", authorization: basic("ingress", "relay-secret") } }));
    expect(json.status).toBe(422);
    expect((await json.json()).message).toMatch(/message\/rfc822/);
    const lost = await send(mail("nobody@nowhere.test").raw, basic("ingress", "relay-secret"));
    expect(lost.status).toBe(422);
    expect((await lost.json()).message).toMatch(/No inbox receives mail for nobody@nowhere\.test/);
    expect(await storedFor(inbox.id)).toHaveLength(0);
  });

  it("says the ingress is not configured (503) when INGRESS_PASSWORD is unset", async () => {
    setEnvVar("INGRESS_PASSWORD", "");
    try {
      const res = await send(mail("x@acme.test").raw, basic("ingress", ""));
      expect(res.status).toBe(503);
      expect((await res.json()).message).toMatch(/ingress is not configured/);
    } finally {
      setEnvVar("INGRESS_PASSWORD", "relay-secret");
    }
  });
});

describe("Mailgun ingress", () => {
  type Signed = { key?: string; timestamp?: string; token?: string };
  function form(raw: Buffer, recipient: string, { key = "mailgun-key", timestamp = String(Math.floor(Date.now() / 1000)), token = randomBytes(25).toString("hex") }: Signed = {}) {
    const body = new FormData();
    body.set("timestamp", timestamp);
    body.set("token", token);
    body.set("signature", createHmac("sha256", key).update(timestamp + token).digest("hex"));
    body.set("recipient", recipient);
    body.set("body-mime", new Blob([new Uint8Array(raw)]), "message.mime");
    return body;
  }

  it("imports a signed body-mime, refuses a bad signature (401) and unroutable mail (406, no retry)", async () => {
    const { inbox, email } = await supportInbox();
    const { raw, id } = mail(email);
    const ok = await mailgun.POST(post("/api/ingress/mailgun", { body: form(raw, email) }));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ status: "accepted", inbox_id: inbox.id });
    expect(await visibleMessage(inbox.id, id)).toBeDefined();
    expect((await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail(email).raw, email, { key: "forged" }) }))).status).toBe(401);
    const lost = await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail("nobody@nowhere.test").raw, "nobody@nowhere.test") }));
    expect(lost.status).toBe(406);
    expect(await storedFor(inbox.id)).toHaveLength(1);
  });

  it("refuses a signed timestamp older than 15 minutes or far in the future (401), storing nothing", async () => {
    const { inbox, email } = await supportInbox();
    const now = Math.floor(Date.now() / 1000);
    const stale = await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail(email).raw, email, { timestamp: String(now - 16 * 60) }) }));
    expect(stale.status).toBe(401);
    expect((await stale.json()).message).toMatch(/more than 15 minutes old/);
    const ahead = await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail(email).raw, email, { timestamp: String(now + 60 * 60) }) }));
    expect(ahead.status).toBe(401);
    expect((await ahead.json()).message).toMatch(/in the future/);
    // Ten minutes old is within the window (Mailgun retries a failed post for a while).
    const late = await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail(email).raw, email, { timestamp: String(now - 10 * 60) }) }));
    expect(late.status).toBe(202);
    expect(await storedFor(inbox.id)).toHaveLength(1);
  });

  it("refuses a replayed token, with the same message or another one (401)", async () => {
    const { inbox, email } = await supportInbox();
    const signed = { timestamp: String(Math.floor(Date.now() / 1000)), token: randomBytes(25).toString("hex") };
    const first = mail(email);
    expect((await mailgun.POST(post("/api/ingress/mailgun", { body: form(first.raw, email, signed) }))).status).toBe(202);
    const again = await mailgun.POST(post("/api/ingress/mailgun", { body: form(first.raw, email, signed) }));
    expect(again.status).toBe(401);
    expect((await again.json()).message).toMatch(/already used/);
    const swapped = await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail(email, "Send me the invoices").raw, email, signed) }));
    expect(swapped.status).toBe(401);
    expect(await storedFor(inbox.id)).toHaveLength(1);
    expect(await visibleMessage(inbox.id, first.id)).toBeDefined();
  });
});

describe("SendGrid ingress (raw MIME)", () => {
  function form(raw: Buffer, to: string) {
    const body = new FormData();
    body.set("email", raw.toString("utf8"));
    body.set("envelope", JSON.stringify({ to: [to], from: "carol@customer.test" }));
    return body;
  }

  it("imports with the password from the URL, refuses a wrong one and unroutable mail", async () => {
    const { inbox, email } = await supportInbox();
    const { raw, id } = mail(email);
    const ok = await sendgrid.POST(post("/api/ingress/sendgrid", { body: form(raw, email), headers: { authorization: basic("sendgrid", "sendgrid-secret") } }));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ status: "accepted", inbox_id: inbox.id });
    expect(await visibleMessage(inbox.id, id)).toBeDefined();
    const bad = await sendgrid.POST(post("/api/ingress/sendgrid", { body: form(raw, email), headers: { authorization: basic("sendgrid", "nope") } }));
    expect(bad.status).toBe(401);
    const lost = await sendgrid.POST(
      post("/api/ingress/sendgrid", { body: form(mail("nobody@nowhere.test").raw, "nobody@nowhere.test"), headers: { authorization: basic("sendgrid", "sendgrid-secret") } }),
    );
    expect(lost.status).toBe(422);
  });
});

describe("Postmark ingress", () => {
  const send = (payload: unknown, password = "postmark-secret") =>
    postmark.POST(post("/api/ingress/postmark", { body: JSON.stringify(payload), headers: { "content-type": "application/json", authorization: basic("postmark", password) } }));

  it("imports RawEmail when included, and rebuilds the message from the JSON fields otherwise, keeping its Message-ID", async () => {
    const { inbox, email } = await supportInbox();
    const first = mail(email);
    const withRaw = await send({ MessageID: "pm-1", OriginalRecipient: email, RawEmail: first.raw.toString("utf8") });
    expect(await withRaw.json()).toMatchObject({ status: "accepted", inbox_id: inbox.id });
    expect(await visibleMessage(inbox.id, first.id)).toBeDefined();

    const rebuiltId = `${randomBytes(6).toString("hex")}@customer.test`;
    const json = {
      MessageID: "pm-2",
      FromFull: { Email: "carol@customer.test", Name: "Carol Customer" },
      ToFull: [{ Email: email, Name: "" }],
      CcFull: [],
      OriginalRecipient: email,
      Subject: "Still burning",
      Date: "Mon, 05 Jan 2026 11:00:00 +0000",
      TextBody: "The printer is still on fire.",
      HtmlBody: "<p>The printer is <b>still</b> on fire.</p>",
      Headers: [
        { Name: "Message-ID", Value: `<${rebuiltId}>` },
        { Name: "X-Spam-Status", Value: "No" },
      ],
      Attachments: [{ Name: "photo.txt", Content: Buffer.from("smoke").toString("base64"), ContentType: "text/plain", ContentLength: 5 }],
    };
    const rebuilt = await send(json);
    expect(await rebuilt.json()).toMatchObject({ status: "accepted", inbox_id: inbox.id });
    const message = await visibleMessage(inbox.id, rebuiltId);
    expect(message?.content).toContain("still on fire");
    expect(await (await send(json)).json()).toMatchObject({ status: "duplicate" });
    expect(await storedFor(inbox.id)).toHaveLength(2);
  });

  it("refuses a wrong password (401) and unroutable mail (422)", async () => {
    const { email } = await supportInbox();
    expect((await send({ RawEmail: mail(email).raw.toString("utf8") }, "wrong")).status).toBe(401);
    const lost = await send({ OriginalRecipient: "nobody@nowhere.test", RawEmail: mail("nobody@nowhere.test").raw.toString("utf8") });
    expect(lost.status).toBe(422);
  });
});

describe("Mandrill ingress", () => {
  function signed(events: unknown[], key = "mandrill-key") {
    const params = { mandrill_events: JSON.stringify(events) };
    return post("/api/ingress/mandrill", {
      body: new URLSearchParams(params),
      headers: { "x-mandrill-signature": mandrillSignature(key, MANDRILL_URL, params) },
    });
  }
  const inbound = (raw: Buffer, to: string) => ({ event: "inbound", ts: 1767600000, msg: { raw_msg: raw.toString("utf8"), email: to } });

  it("imports each inbound event with a good signature, refuses a forged one (401) and unroutable mail (422)", async () => {
    const { inbox, email } = await supportInbox();
    const a = mail(email);
    const b = mail(email, "Second");
    const ok = await mandrill.POST(signed([inbound(a.raw, email), inbound(b.raw, email)]));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ status: "accepted", results: [{ status: "accepted" }, { status: "accepted" }] });
    expect(await visibleMessage(inbox.id, a.id)).toBeDefined();
    expect(await visibleMessage(inbox.id, b.id)).toBeDefined();
    expect((await mandrill.POST(signed([inbound(mail(email).raw, email)], "forged"))).status).toBe(401);
    const lost = await mandrill.POST(signed([inbound(mail("nobody@nowhere.test").raw, "nobody@nowhere.test")]));
    expect(lost.status).toBe(422);
    expect(mandrill.HEAD().status).toBe(200);
  });
});
