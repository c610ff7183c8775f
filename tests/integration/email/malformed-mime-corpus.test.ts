import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as relay from "@/app/api/ingress/relay/route";
import { rawEmails } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { useJobRunner } from "../../support/job-runner";
import { NUL_VARIANTS } from "../../support/nul-mail";

/**
 * The security review's malformed-MIME probe, kept: every message of this corpus goes through
 * the relay ingress and the import job as forwarded mail does. None may crash the request, hang
 * the import or stay pending: each ends imported (what could be read) or quarantined with its
 * reason in words, and mail after it still arrives.
 */
const db = useTestDatabase();
useJobRunner(db);

beforeAll(() => {
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
});

const auth = `Basic ${Buffer.from("ingress:relay-secret").toString("base64")}`;
// Routed by the envelope recipient, as Postfix passes it: junk without headers reaches its inbox too.
const send = (raw: Buffer, recipient: string) =>
  relay.POST(
    new Request(`http://desk.test/api/ingress/relay?recipient=${encodeURIComponent(recipient)}`, {
      method: "POST",
      body: new Uint8Array(raw),
      headers: { "content-type": "message/rfc822", authorization: auth },
    }),
  );

const TO = "support@corpus.test";
const head = (...lines: string[]) => [`From: Mallory <mallory@evil.test>`, `To: ${TO}`, `Message-ID: <${randomBytes(6).toString("hex")}@evil.test>`, ...lines].join("\r\n");
const mail = (headers: string, body: string | Buffer) => Buffer.concat([Buffer.from(`${headers}\r\n\r\n`, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body]);
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../fixtures/email", name));

function nested(depth: number): string {
  let body = "innermost";
  for (let i = depth; i > 0; i--) body = `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n\r\n${body}\r\n--n${i}--`;
  return body;
}

const CORPUS: [string, Buffer, "imported" | "quarantined"][] = [
  ["headers only, no blank line", Buffer.from(head("Subject: no body")), "imported"],
  ["an empty body", mail(head("Subject: empty"), ""), "imported"],
  ["a multipart cut off before its closing boundary", mail(head("Subject: cut", 'Content-Type: multipart/mixed; boundary="b"'), "--b\r\nContent-Type: text/plain\r\n\r\nsurvives"), "imported"],
  ["a multipart whose boundary never appears", mail(head("Subject: lost", 'Content-Type: multipart/mixed; boundary="zzz"'), "just text\r\n"), "imported"],
  ["a multipart without a boundary parameter", mail(head("Subject: nob", "Content-Type: multipart/mixed"), "--x\r\n\r\ntext\r\n--x--\r\n"), "imported"],
  ["multiparts nested 60 deep", mail(head("Subject: deep", 'Content-Type: multipart/mixed; boundary="n1"'), nested(60)), "imported"],
  ["more than 1,000 MIME parts", mail(head("Subject: bomb", 'Content-Type: multipart/mixed; boundary="b"'), `${Array.from({ length: 1001 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`).join("")}--b--\r\n`), "quarantined"],
  ["a header block over 1 MB", mail(head("Subject: huge", `X-Huge: ${"h".repeat(1_100_000)}`), "x"), "quarantined"],
  ["invalid base64", mail(head("Subject: b64", "Content-Type: text/plain", "Content-Transfer-Encoding: base64"), "!!!not*base64$$$\r\n"), "imported"],
  ["invalid quoted-printable", mail(head("Subject: qp", "Content-Type: text/plain", "Content-Transfer-Encoding: quoted-printable"), "=ZZ=\r\n=4"), "imported"],
  ["an unknown transfer encoding", mail(head("Subject: uu", "Content-Type: text/plain", "Content-Transfer-Encoding: x-uuencode"), "begin 644 a\r\n`\r\nend\r\n"), "imported"],
  ["an unknown charset label", mail(head("Subject: cs", "Content-Type: text/plain; charset=x-klingon"), "caf\xe9\r\n"), "imported"],
  ["UTF-16 with an odd number of bytes", mail(head("Subject: odd", "Content-Type: text/plain; charset=utf-16"), Buffer.from([0xff, 0xfe, 0x68, 0x00, 0x69])), "imported"],
  ["a broken encoded-word subject", mail(head("Subject: =?utf-8?B?bv8kej?= =?bogus?Q?x?= =?utf-8?B?", "Content-Type: text/plain"), "x"), "imported"],
  ["raw 8-bit bytes in headers", mail(head("Subject: n\xff$z caf\xe9", "X-Junk: \xfe\xc3"), "x"), "imported"],
  ["an unreadable From", mail([`From: <<<@@@>>>`, `To: ${TO}`, "Subject: who"].join("\r\n"), "x"), "quarantined"],
  ["no From at all", mail([`To: ${TO}`, "Subject: anonymous"].join("\r\n"), "x"), "quarantined"],
  ["two From headers and two Subjects", mail(head("From: other@evil.test", "Subject: one", "Subject: two"), "x"), "imported"],
  ["a header line without a colon", mail(head("Subject: colon", "this line is not a header", "X-After: yes"), "x"), "imported"],
  ["prose, not an email", Buffer.from(`To whom it may concern,\r\nplease forward to ${TO}\r\n`), "quarantined"],
  ["binary junk", fixture("not-an-email.bin"), "quarantined"],
  ["an mbox From_ line first", Buffer.concat([Buffer.from("From mallory@evil.test Mon Jan  5 10:00:00 2026\r\n"), mail(head("Subject: mbox"), "x")]), "imported"],
  ["a byte order mark before the headers", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), mail(head("Subject: bom"), "x")]), "imported"],
  // Lines ended by CR alone are one long header line: no readable sender.
  ["bare CR line ends", Buffer.from(head("Subject: cr", "").replace(/\r\n/g, "\r") + "\rbody\r"), "quarantined"],
  ["a 100,000-character subject", mail(head(`Subject: ${"s".repeat(100_000)}`), "x"), "imported"],
  ["a 500 KB line of body", mail(head("Subject: long line"), "y".repeat(500_000)), "imported"],
  ["10,000 ids in References", mail(head("Subject: refs", `References: ${Array.from({ length: 10_000 }, (_, i) => `<r${i}@x>`).join(" ")}`), "x"), "imported"],
  ["a hostile attachment filename", mail(head("Subject: file", 'Content-Type: multipart/mixed; boundary="b"'), '--b\r\nContent-Type: text/plain\r\n\r\nsee\r\n--b\r\nContent-Type: application/x-msdownload; name="../../etc/passwd\u202Efdp.exe"\r\nContent-Disposition: attachment; filename="../../etc/passwd\u202Efdp.exe"\r\n\r\nMZ\r\n--b--\r\n'), "imported"],
  ["a broken message/rfc822 attachment", mail(head("Subject: fwd", 'Content-Type: multipart/mixed; boundary="b"'), "--b\r\nContent-Type: text/plain\r\n\r\nforwarded\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nnot: really\r\n\xff\xfe\r\n--b--\r\n"), "imported"],
  ["HTML with script, unclosed tags and a CSS import", mail(head("Subject: html", "Content-Type: text/html"), "<style>@import url(//evil.test/x.css)</style><p>hi<script>alert(1)</script><img src=x onerror=alert(2)><div><b>unclosed"), "imported"],
  ...NUL_VARIANTS.map(([what, headers, body]): [string, Buffer, "imported"] => [`NUL: ${what}`, mail(head(...headers), body), "imported"]),
];

describe("the malformed-MIME corpus through the relay ingress", () => {
  it("holds the review's 30 messages and the NUL variants", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30 + NUL_VARIANTS.length);
  });

  it.each(CORPUS.map(([what, raw, expected]) => [what, expected, raw] as const))("%s: answered 202, then %s, never left pending", async (_, expected, raw) => {
    const account = await f.createAccount(db());
    const address = `support-${randomBytes(4).toString("hex")}@corpus.test`;
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: address });
    const res = await send(raw, address);
    expect(res.status).toBe(202);
    const { raw_email_id } = await res.json();
    await expect
      .poll(async () => (await db().select({ status: rawEmails.status }).from(rawEmails).where(eq(rawEmails.id, raw_email_id)))[0]?.status, { timeout: 15_000, interval: 25 })
      .toBe(expected);
    const [row] = await db().select({ error: rawEmails.error }).from(rawEmails).where(eq(rawEmails.id, raw_email_id));
    if (expected === "quarantined") expect(row.error).toMatch(/^The (message|sender)/);
    // The next message of the inbox still arrives.
    const next = await send(rawMail({ to: address, body: "after the bad one" }), address);
    expect(await next.json()).toMatchObject({ status: "accepted", inbox_id: inbox.id });
  });
});
