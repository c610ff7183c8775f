import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as relay from "@/app/api/ingress/relay/route";
import { messages } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";

/**
 * The pipe script the README gives to Postfix and getmail (scripts/ingress/postdesk-relay), run
 * for real with curl against the relay route handler served over HTTP: its exit status is what
 * makes Postfix deliver (0), bounce (67 unknown address, 69 too large) or retry (75).
 */
const db = useTestDatabase();
useJobRunner(db);
const SCRIPT = path.resolve(__dirname, "../../../scripts/ingress/postdesk-relay");
let server: http.Server;
let url = "";

beforeAll(async () => {
  setEnvVar("ENCRYPTION_KEY", "relay-script-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
  setEnvVar("INGRESS_PASSWORD", "pipe-secret");
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await relay.POST(new Request(`${url}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function pipe(raw: string, args: string[], password = "pipe-secret"): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", [SCRIPT, ...args], {
      // Only what a mail server's pipe would have: no settings leak in from the test process.
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin", POSTDESK_URL: url, INGRESS_PASSWORD: password, POSTDESK_RELAY_CONF: "/nonexistent" },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
    child.stdin.end(raw);
  });
}

const message = (to: string) =>
  [`From: carol@customer.test`, `To: ${to}`, `Subject: Piped`, `Message-ID: <${randomBytes(6).toString("hex")}@customer.test>`, "", "Hello through Postfix.", ""].join("\r\n");

describe("the Postfix / getmail pipe script", () => {
  it("exits 0 when stored, 67 (bounce) when no inbox has the address, 75 (retry) on a wrong password", async () => {
    const account = await f.createAccount(db());
    const { channel } = await createEmailInboxRow(db(), account.id, { email: "piped@acme.test" });
    expect(await pipe(message("piped@acme.test"), [])).toEqual({ code: 0, stderr: "" });
    const forwarded = await pipe(message("undisclosed-recipients:;"), [`${channel.forwardingToken}@in.postdesk.test`]);
    expect(forwarded.code).toBe(0);
    const unknown = await pipe(message("nobody@acme.test"), ["nobody@acme.test"]);
    expect(unknown.code).toBe(67);
    expect(unknown.stderr).toMatch(/No inbox receives mail for nobody@acme\.test/);
    const wrong = await pipe(message("piped@acme.test"), [], "wrong");
    expect(wrong.code).toBe(75);
    expect(wrong.stderr).toMatch(/HTTP 401/);
  });

  it("exits 69 (bounce) for a message larger than INGRESS_MAX_BODY_BYTES", async () => {
    const account = await f.createAccount(db());
    await createEmailInboxRow(db(), account.id, { email: "large@acme.test" });
    setEnvVar("INGRESS_MAX_BODY_BYTES", "2000");
    try {
      const big = await pipe(message("large@acme.test").replace("Hello through Postfix.", "x".repeat(5000)), ["large@acme.test"]);
      expect(big.code).toBe(69);
      expect(big.stderr).toMatch(/larger than this Postdesk accepts/);
    } finally {
      setEnvVar("INGRESS_MAX_BODY_BYTES", "");
    }
  });

  it("keeps the + of a reply address passed as the envelope recipient", async () => {
    const { account } = await f.createWorkspace(db());
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: "replies@acme.test" });
    const conversation = await f.createConversation(db(), account.id, inbox.id);
    const result = await pipe(message("someone@else.test"), [`reply+${conversation.uuid}@in.postdesk.test`]);
    expect(result).toEqual({ code: 0, stderr: "" });
    // Imported by the queued job into the conversation the reply address names, though only the
    // envelope (Postfix's ${recipient}) carried that address, not the header block.
    const inInbox = async () =>
      (await db().select().from(messages).where(eq(messages.inboxId, inbox.id))).map((m) => ({ conversationId: m.conversationId, content: m.content }));
    await expect
      .poll(inInbox, { timeout: 10_000, interval: 25 })
      .toEqual([{ conversationId: conversation.id, content: expect.stringContaining("Hello through Postfix") }]);
  });
});
