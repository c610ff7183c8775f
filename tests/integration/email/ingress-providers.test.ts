import { createHmac, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as mailgun from "@/app/api/ingress/mailgun/route";
import * as mandrill from "@/app/api/ingress/mandrill/route";
import * as postmark from "@/app/api/ingress/postmark/route";
import * as relay from "@/app/api/ingress/relay/route";
import * as sendgrid from "@/app/api/ingress/sendgrid/route";
import { messages, rawEmails } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { mandrillSignature } from "@/lib/email/ingress/verify";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow } from "../../support/email-inbox";

const db = useTestDatabase();
const BASE = "http://desk.acme.test";
const MANDRILL_URL = `${BASE}/api/ingress/mandrill`;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "ingress-providers-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
  setEnvVar("MAILGUN_SIGNING_KEY", "mailgun-key");
  setEnvVar("SENDGRID_INGRESS_PASSWORD", "sendgrid-secret");
  setEnvVar("POSTMARK_INGRESS_PASSWORD", "postmark-secret");
  setEnvVar("MANDRILL_WEBHOOK_KEY", "mandrill-key");
  setEnvVar("MANDRILL_WEBHOOK_URL", MANDRILL_URL);
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

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

const post = (path: string, init: RequestInit) => new Request(`${BASE}${path}`, { method: "POST", ...init });

describe("relay ingress (Postfix / getmail pipes)", () => {
  const send = (raw: Buffer, auth: string | null, query = "") =>
    relay.POST(post(`/api/ingress/relay${query}`, { body: new Uint8Array(raw), headers: { "content-type": "message/rfc822", ...(auth ? { authorization: auth } : {}) } }));

  it("imports mail for an inbox once: a second delivery is a duplicate", async () => {
    const { inbox, email } = await supportInbox();
    const { raw, id } = mail(email);
    const first = await send(raw, basic("ingress", "relay-secret"));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "imported", inboxId: inbox.id, route: "inbox_address" });
    expect(await importedMessage(inbox.id, id)).toBeDefined();
    const again = await send(raw, basic("ingress", "relay-secret"));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    expect(await storedFor(inbox.id)).toHaveLength(1);
  });

  it("routes by the envelope recipient Postfix passes, e.g. the forwarding address", async () => {
    const { inbox, channel } = await supportInbox();
    const { raw } = mail("undisclosed-recipients:;");
    const res = await send(raw, basic("ingress", "relay-secret"), `?recipient=${channel.forwardingToken}%40in.postdesk.test`);
    expect(await res.json()).toMatchObject({ status: "imported", inboxId: inbox.id, route: "forwarding_address" });
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
  function form(raw: Buffer, recipient: string, key = "mailgun-key") {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = randomBytes(25).toString("hex");
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
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "imported", inboxId: inbox.id });
    expect(await importedMessage(inbox.id, id)).toBeDefined();
    expect((await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail(email).raw, email, "forged") }))).status).toBe(401);
    const lost = await mailgun.POST(post("/api/ingress/mailgun", { body: form(mail("nobody@nowhere.test").raw, "nobody@nowhere.test") }));
    expect(lost.status).toBe(406);
    expect(await storedFor(inbox.id)).toHaveLength(1);
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
    expect(await ok.json()).toMatchObject({ status: "imported", inboxId: inbox.id });
    expect(await importedMessage(inbox.id, id)).toBeDefined();
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
    expect(await withRaw.json()).toMatchObject({ status: "imported", inboxId: inbox.id });
    expect(await importedMessage(inbox.id, first.id)).toBeDefined();

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
    expect(await rebuilt.json()).toMatchObject({ status: "imported", inboxId: inbox.id });
    const message = await importedMessage(inbox.id, rebuiltId);
    expect(message?.content).toContain("still on fire");
    expect((await send(json)).status).toBe(200);
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
    expect(ok.status).toBe(200);
    expect((await ok.json()).results).toHaveLength(2);
    expect(await importedMessage(inbox.id, a.id)).toBeDefined();
    expect(await importedMessage(inbox.id, b.id)).toBeDefined();
    expect((await mandrill.POST(signed([inbound(mail(email).raw, email)], "forged"))).status).toBe(401);
    const lost = await mandrill.POST(signed([inbound(mail("nobody@nowhere.test").raw, "nobody@nowhere.test")]));
    expect(lost.status).toBe(422);
    expect(mandrill.HEAD().status).toBe(200);
  });
});
