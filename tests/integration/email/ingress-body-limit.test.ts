import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mailgun from "@/app/api/ingress/mailgun/route";
import * as mandrill from "@/app/api/ingress/mandrill/route";
import * as postmark from "@/app/api/ingress/postmark/route";
import * as relay from "@/app/api/ingress/relay/route";
import * as sendgrid from "@/app/api/ingress/sendgrid/route";
import { rawEmails } from "@/db/schema";
import { ingressMaxBodyBytes } from "@/lib/email/ingress/body-limit";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { basicAuth as basic, setIngressSecrets } from "../../support/relay";
import { createEmailInboxRow } from "../../support/email-inbox";

/**
 * Ingress bodies are bounded (INGRESS_MAX_BODY_BYTES): a request over the limit is answered 413
 * without being read whole — refused on its Content-Length before a byte is read, or, sent
 * chunked, cut off as soon as the count passes the limit. Each "endless" body below would never
 * finish: a handler that buffered it whole would hang (and the test time out).
 */
const db = useTestDatabase();
const LIMIT = 64 * 1024;
const BASE = "http://desk.acme.test";

beforeAll(() => {
  setIngressSecrets("ingress-body-limit");
  setEnvVar("INGRESS_MAX_BODY_BYTES", String(LIMIT));
});
afterAll(() => setEnvVar("INGRESS_MAX_BODY_BYTES", ""));


/** A body that never ends, counting what the handler pulled from it and whether it was cancelled. */
function endlessBody(prefix = "") {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(8 * 1024).fill(0x41);
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = first && prefix ? new TextEncoder().encode(prefix) : chunk;
      first = false;
      state.pulled += next.byteLength;
      controller.enqueue(next);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
  new Request(`${BASE}${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

function bigMessage(to: string, bytes: number): Buffer {
  const head = [`From: Carol <carol@customer.test>`, `To: ${to}`, `Subject: Big`, `Message-ID: <${randomBytes(6).toString("hex")}@customer.test>`, "", ""].join("\r\n");
  return Buffer.concat([Buffer.from(head), Buffer.alloc(bytes, "x")]);
}

describe("ingress body limit", () => {
  it("derives its default from the attachment limit (1.5 × + 10 MiB), and the setting overrides it", () => {
    expect(ingressMaxBodyBytes()).toBe(LIMIT);
    setEnvVar("INGRESS_MAX_BODY_BYTES", "");
    try {
      expect(ingressMaxBodyBytes()).toBe(Math.ceil(25 * 1024 * 1024 * 1.5) + 10 * 1024 * 1024);
      setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", "1000");
      expect(ingressMaxBodyBytes()).toBe(1500 + 10 * 1024 * 1024);
    } finally {
      setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", "");
      setEnvVar("INGRESS_MAX_BODY_BYTES", String(LIMIT));
    }
  });

  it("refuses an over-limit relay message with 413 and stores nothing; one under the limit still goes in", async () => {
    const account = await f.createAccount(db());
    const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email: `big-${randomBytes(3).toString("hex")}@acme.test` });
    const auth = { authorization: basic("ingress", "relay-secret"), "content-type": "message/rfc822" };

    const big = bigMessage(channel.email, LIMIT);
    const declared = await relay.POST(post("/api/ingress/relay", new Uint8Array(big), { ...auth, "content-length": String(big.length) }));
    expect(declared.status).toBe(413);
    expect((await declared.json()).message).toMatch(/larger than this Postdesk accepts/);

    // Chunked (no Content-Length): counted while it streams, cut off at the limit.
    const { stream, state } = endlessBody(bigMessage(channel.email, 0).toString());
    const chunked = await relay.POST(post("/api/ingress/relay", stream, auth));
    expect(chunked.status).toBe(413);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(LIMIT + 16 * 1024);

    expect(await db().select().from(rawEmails).where(eq(rawEmails.inboxId, inbox.id))).toHaveLength(0);

    const small = bigMessage(channel.email, 1000);
    const ok = await relay.POST(post("/api/ingress/relay", new Uint8Array(small), { ...auth, "content-length": String(small.length) }));
    expect(ok.status).toBe(202);
  });

  it("refuses an unauthenticated endless Mailgun or Mandrill body with 413 at the limit, without reading it all", async () => {
    for (const [handler, path, type] of [
      [mailgun.POST, "/api/ingress/mailgun", "multipart/form-data; boundary=xyz"],
      [mandrill.POST, "/api/ingress/mandrill", "application/x-www-form-urlencoded"],
    ] as const) {
      const { stream, state } = endlessBody();
      const response = await handler(post(path, stream, { "content-type": type, "x-mandrill-signature": "forged" }));
      expect(response.status, path).toBe(413);
      expect(state.cancelled, path).toBe(true);
      expect(state.pulled, path).toBeLessThanOrEqual(LIMIT + 16 * 1024);

      // Declared too large: refused before a byte is read.
      const declared = endlessBody();
      const refused = await handler(post(path, declared.stream, { "content-type": type, "content-length": String(50 * 1024 * 1024) }));
      expect(refused.status, path).toBe(413);
      expect(declared.state.pulled, path).toBeLessThanOrEqual(16 * 1024);
    }
  });

  it("refuses an unauthenticated relay, SendGrid or Postmark request (401) before reading its body", async () => {
    for (const [handler, path, type] of [
      [relay.POST, "/api/ingress/relay", "message/rfc822"],
      [sendgrid.POST, "/api/ingress/sendgrid", "multipart/form-data; boundary=xyz"],
      [postmark.POST, "/api/ingress/postmark", "application/json"],
    ] as const) {
      const { stream, state } = endlessBody();
      const response = await handler(post(path, stream, { "content-type": type, authorization: basic("ingress", "wrong") }));
      expect(response.status, path).toBe(401);
      expect(state.pulled, path).toBeLessThanOrEqual(16 * 1024);
    }
  });

  it("answers 413 for an authenticated SendGrid or Postmark body over the limit", async () => {
    for (const [handler, path, type, auth] of [
      [sendgrid.POST, "/api/ingress/sendgrid", "multipart/form-data; boundary=xyz", basic("sendgrid", "sendgrid-secret")],
      [postmark.POST, "/api/ingress/postmark", "application/json", basic("postmark", "postmark-secret")],
    ] as const) {
      const { stream, state } = endlessBody();
      const response = await handler(post(path, stream, { "content-type": type, authorization: auth }));
      expect(response.status, path).toBe(413);
      expect(state.cancelled, path).toBe(true);
    }
  });
});
