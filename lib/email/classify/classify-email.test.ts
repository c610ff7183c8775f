import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEmail } from "@/lib/email/parse/parse-email";
import { classifyEmail } from "./classify-email";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../../tests/fixtures/email", name));
const classifyFixture = async (name: string) => classifyEmail(await parseEmail(fixture(name)));
const classifyRaw = async (headers: string[], body = "Hello") =>
  classifyEmail(await parseEmail(Buffer.from([...headers, "", body, ""].join("\r\n"))));
const OURS = "conversation/0b6f3c1e-8a4b-4d8e-9a51-3c2d1e0f9a7b/messages";

describe("classifyEmail: bounces", () => {
  it("reads a Postfix DSN: original Message-ID from the returned headers, reason in words", async () => {
    expect(await classifyFixture("bounce-postfix.eml")).toEqual({
      kind: "bounce",
      bounce: {
        originalMessageId: `${OURS}/42@postdesk.test`,
        reason: "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (bob@example.com)",
      },
    });
  });

  it("reads a DSN with the whole returned message and only a status code", async () => {
    expect(await classifyFixture("bounce-rfc822.eml")).toEqual({
      kind: "bounce",
      bounce: { originalMessageId: `${OURS}/43@postdesk.test`, reason: "5.2.2 mailbox full (carol@example.org)" },
    });
  });

  it("does not treat a delayed DSN as a failure", async () => {
    const result = await classifyFixture("bounce-delayed.eml");
    expect(result.kind).not.toBe("bounce");
    expect(result.bounce).toBeUndefined();
  });

  it("reads an old-style mailer-daemon bounce without a machine-readable part", async () => {
    const result = await classifyRaw(
      ["From: MAILER-DAEMON@old.example.net", "To: support@postdesk.test", "Subject: failure notice"],
      [
        "Hi. This is the qmail-send program at old.example.net.",
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "",
        "<erin@example.net>:",
        "192.0.2.44 does not like recipient.",
        "Remote host said: 550 5.1.1 No such user",
        "",
        "--- Below this line is a copy of the message.",
        "",
        `Message-ID: <${OURS}/46@postdesk.test>`,
        "Subject: Re: Hello",
      ].join("\r\n"),
    );
    expect(result).toEqual({
      kind: "bounce",
      bounce: { originalMessageId: `${OURS}/46@postdesk.test`, reason: "Remote host said: 550 5.1.1 No such user" },
    });
  });

  it("does not swallow a postmaster's ordinary message as a bounce", async () => {
    const result = await classifyRaw(["From: Postmaster <postmaster@customer.example>", "Subject: Question"], "Can you whitelist our new server?");
    expect(result).toEqual({ kind: "auto_reply" });
  });

  it("keeps semicolons inside a diagnostic that has no type prefix", async () => {
    const raw = [
      "From: Microsoft Outlook <MicrosoftExchange329e71ec@corp.example>",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="n"',
      "",
      "--n",
      "Content-Type: message/delivery-status",
      "",
      "Final-Recipient: rfc822;frank@corp.example",
      "Action: failed",
      "Status: 5.1.10",
      "Diagnostic-Code: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      "--n--",
      "",
    ].join("\r\n");
    expect((await classifyEmail(await parseEmail(Buffer.from(raw)))).bounce?.reason).toBe(
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup (frank@corp.example)",
    );
  });
});

describe("classifyEmail: auto-replies and list mail", () => {
  it("recognises an Exchange out-of-office reply from its headers", async () => {
    expect(await classifyFixture("auto-reply-oof.eml")).toEqual({ kind: "auto_reply" });
  });

  it.each([
    ["Auto-Submitted: auto-replied"],
    ["Auto-Submitted: auto-generated; owner-email=\"x@example.com\""],
    ["X-Autoreply: yes"],
    ["X-Autorespond: Thanks for writing"],
    ["Precedence: bulk"],
    ["Precedence: junk"],
    ["X-MS-Exchange-Inbox-Rules-Loop: someone@corp.example"],
    ["Return-Path: <>"],
    ["Content-Type: multipart/report; report-type=disposition-notification; boundary=x"],
  ])("%s is an auto-reply", async (header) => {
    expect((await classifyRaw(["From: a@example.com", "Subject: Hi", header])).kind).toBe("auto_reply");
  });

  it.each([["List-Id: <support.lists.example.com>"], ["List-Unsubscribe: <mailto:u@example.com>"], ["Precedence: list"]])(
    "%s is list mail",
    async (header) => {
      expect((await classifyRaw(["From: a@example.com", "Subject: Hi", header])).kind).toBe("list");
    },
  );

  it("classifies a newsletter with List-* headers as list mail even with Precedence: bulk", async () => {
    expect(await classifyFixture("list-mail.eml")).toEqual({ kind: "list" });
  });

  it("keeps ordinary mail normal, including Outlook's X-Auto-Response-Suppress and Auto-Submitted: no", async () => {
    expect(await classifyFixture("outlook-reply.eml")).toEqual({ kind: "normal" });
    expect(await classifyFixture("gmail-reply.eml")).toEqual({ kind: "normal" });
    const explicitNo = await classifyRaw(["From: a@example.com", "Auto-Submitted: no", "Return-Path: <a@example.com>"]);
    expect(explicitNo).toEqual({ kind: "normal" });
  });

  it("does not look at the subject", async () => {
    expect((await classifyRaw(["From: a@example.com", "Subject: Automatic reply: out of office?"])).kind).toBe("normal");
  });
});
