import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as mailgun from "@/app/api/ingress/mailgun/route";
import * as mandrill from "@/app/api/ingress/mandrill/route";
import * as postmark from "@/app/api/ingress/postmark/route";
import * as relay from "@/app/api/ingress/relay/route";
import * as sendgrid from "@/app/api/ingress/sendgrid/route";
import { rawEmails } from "@/db/schema";
import { mandrillSignature } from "@/lib/email/ingress/verify";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { basicAuth as basic, setIngressSecrets } from "../../support/relay";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";

/**
 * The security review's ingress probes that the provider tests do not already make: a Mailgun
 * signature whose timestamp and token are shifted into each other, missing signature fields,
 * Basic auth with the wrong user or no password, a Mandrill signature made for another URL or
 * another body, and a replayed Mandrill post (Mandrill signs no nonce: the copy is a duplicate).
 */
const db = useTestDatabase();
const BASE = "http://desk.acme.test";
const MANDRILL_URL = `${BASE}/api/ingress/mandrill`;

beforeAll(() => {
  setIngressSecrets("ingress-auth-cases");
});

const post = (path: string, init: RequestInit) => new Request(`${BASE}${path}`, { method: "POST", ...init });

async function inbox() {
  const account = await f.createAccount(db());
  const { inbox: row, channel } = await createEmailInboxRow(db(), account.id, { email: `auth-${randomBytes(3).toString("hex")}@acme.test` });
  return { id: row.id, email: channel.email, stored: () => db().select().from(rawEmails).where(eq(rawEmails.inboxId, row.id)) };
}

describe("ingress auth and replay cases", () => {
  it("Mailgun: a signature with digits shifted between timestamp and token, or with a field missing, is refused", async () => {
    const { email, stored } = await inbox();
    const raw = rawMail({ to: email });
    const form = (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      body.set("recipient", email);
      body.set("body-mime", new Blob([new Uint8Array(raw)]), "message.mime");
      return body;
    };
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = `7${randomBytes(24).toString("hex")}`;
    const signature = createHmac("sha256", "mailgun-key").update(timestamp + token).digest("hex");
    // The same HMAC input, split elsewhere: a timestamp far ahead, or decades old.
    const later = await mailgun.POST(post("/api/ingress/mailgun", { body: form({ timestamp: timestamp + "7", token: token.slice(1), signature }) }));
    expect(later.status).toBe(401);
    const earlier = await mailgun.POST(post("/api/ingress/mailgun", { body: form({ timestamp: timestamp.slice(0, -1), token: timestamp.slice(-1) + token, signature }) }));
    expect(earlier.status).toBe(401);
    for (const missing of ["timestamp", "token", "signature"]) {
      const fields: Record<string, string> = { timestamp, token, signature };
      delete fields[missing];
      expect((await mailgun.POST(post("/api/ingress/mailgun", { body: form(fields) }))).status, missing).toBe(401);
    }
    expect(await stored()).toHaveLength(0);
    // The genuine one still goes through once.
    expect((await mailgun.POST(post("/api/ingress/mailgun", { body: form({ timestamp, token, signature }) }))).status).toBe(202);
  });

  it("Basic auth: the wrong user, an empty password or a malformed header is refused", async () => {
    const { email, stored } = await inbox();
    const raw = new Uint8Array(rawMail({ to: email }));
    for (const authorization of [basic("admin", "relay-secret"), basic("ingress", ""), "Basic !!!", "Bearer relay-secret", basic("ingress", "relay-secret ")]) {
      const response = await relay.POST(post("/api/ingress/relay", { body: raw, headers: { "content-type": "message/rfc822", authorization } }));
      expect(response.status, authorization).toBe(401);
    }
    const sendgridForm = new FormData();
    sendgridForm.set("email", Buffer.from(raw).toString("utf8"));
    expect((await sendgrid.POST(post("/api/ingress/sendgrid", { body: sendgridForm, headers: { authorization: basic("sendgrid", "") } }))).status).toBe(401);
    expect((await postmark.POST(post("/api/ingress/postmark", { body: "{}", headers: { "content-type": "application/json" } }))).status).toBe(401);
    expect(await stored()).toHaveLength(0);
  });

  it("Mandrill: a signature for another URL or another body is refused; a replayed post is a duplicate, not a second message", async () => {
    const { email, stored } = await inbox();
    const events = JSON.stringify([{ event: "inbound", ts: 1767600000, msg: { raw_msg: rawMail({ to: email }).toString("utf8"), email } }]);
    const send = (params: Record<string, string>, signature: string) =>
      mandrill.POST(post("/api/ingress/mandrill", { body: new URLSearchParams(params), headers: { "x-mandrill-signature": signature } }));
    const params = { mandrill_events: events };
    expect((await send(params, mandrillSignature("mandrill-key", `${BASE}/elsewhere`, params))).status).toBe(401);
    const other = { mandrill_events: JSON.stringify([]) };
    expect((await send(params, mandrillSignature("mandrill-key", MANDRILL_URL, other))).status).toBe(401);
    // An extra field is signed too: adding one breaks the signature.
    expect((await send({ ...params, extra: "1" }, mandrillSignature("mandrill-key", MANDRILL_URL, params))).status).toBe(401);
    expect(await stored()).toHaveLength(0);

    const genuine = mandrillSignature("mandrill-key", MANDRILL_URL, params);
    expect((await send(params, genuine)).status).toBe(202);
    const replay = await send(params, genuine);
    expect(replay.status).toBe(202);
    expect(await stored()).toHaveLength(1);
  });
});
