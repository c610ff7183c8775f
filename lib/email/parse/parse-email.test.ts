import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEmail } from "./parse-email";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../../tests/fixtures/email", name));

describe("parseEmail: charsets", () => {
  it("decodes ISO-8859-1 quoted-printable bodies and RFC 2047 headers, lower-cases addresses", async () => {
    const mail = await parseEmail(fixture("latin1-qp.eml"));
    expect(mail.subject).toBe("Problème de livraison à Zürich");
    expect(mail.from).toEqual({ name: "François Müller", address: "francois.muller@example.fr" });
    expect(mail.to).toEqual([{ name: "Support", address: "support@postdesk.test" }]);
    expect(mail.cc).toEqual([{ name: "Счёт №7", address: "ivan@example.ru" }]);
    expect(mail.text).toContain("le colis n'est pas arrivé à Zürich");
    expect(mail.text).toContain("– François");
    expect(mail.messageId).toBe("latin1-1@example.fr");
    expect(mail.date?.toISOString()).toBe("2026-11-09T13:02:11.000Z");
  });

  it.each([
    ["koi8-r-8bit.eml", "Вопрос по заказу", "Здравствуйте! Посылка не пришла."],
    ["windows-1252-8bit.eml", "Smart quotes", "It’s “broken” – 50 €"],
    ["shift-jis.eml", "ご注文について", "お問い合わせありがとうございます。注文番号は12345です。"],
    ["iso-2022-jp.eml", "ご注文について", "配送状況を教えてください。"],
    ["gbk.eml", "订单问题", "您好，我的订单还没有到。"],
    ["big5.eml", "退貨", "請問退貨流程是什麼？"],
    ["utf-16.eml", "Help", "Γειά σας, χρειάζομαι βοήθεια."],
  ])("%s decodes to the right text", async (file, subject, body) => {
    const mail = await parseEmail(fixture(file));
    expect(mail.subject).toBe(subject);
    expect(mail.text?.replace(/^\ufeff/, "").trim()).toBe(body);
  });

  it("decodes an ISO-2022-JP display name", async () => {
    const mail = await parseEmail(fixture("shift-jis.eml"));
    expect(mail.from).toEqual({ name: "山田", address: "yamada@example.jp" });
  });

  it("degrades instead of throwing when the charset label is unknown", async () => {
    const mail = await parseEmail(fixture("unknown-charset.eml"));
    expect(mail.subject).toBe("Odd label");
    expect(mail.text?.trim()).toBe("Plain ASCII survives; café is lenient.");
  });

  it("guesses UTF-8 behind an unknown label when the bytes are UTF-8, in bodies and encoded words", async () => {
    const raw = Buffer.from(
      ["From: =?unknown-8bit?Q?J=C3=BCrgen?= <j@example.de>", "Subject: =?x-bogus?B?R3LDvMOfZQ==?=",
        'Content-Type: text/plain; charset="unknown-8bit"', "", "Grüße aus Köln", ""].join("\r\n"),
      "utf8",
    );
    const mail = await parseEmail(raw);
    expect(mail.from?.name).toBe("Jürgen");
    expect(mail.subject).toBe("Grüße");
    expect(mail.text?.trim()).toBe("Grüße aus Köln");
  });

  it("reads .eml files saved with a byte order mark or an mbox From_ line", async () => {
    const bom = await parseEmail(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("From: a@example.com\r\nSubject: bom\r\n\r\nx")]));
    expect(bom.subject).toBe("bom");
    expect(bom.from?.address).toBe("a@example.com");
    const mbox = await parseEmail(Buffer.from("From bob@example.com Tue Nov 10 10:00:00 2026\nFrom: Bob <bob@example.com>\nSubject: mbox\n\nbody\n"));
    expect(mbox.from).toEqual({ name: "Bob", address: "bob@example.com" });
    expect(mbox.subject).toBe("mbox");
  });
});

describe("parseEmail: headers and threading ids", () => {
  const raw = Buffer.from(
    [
      "From: A <a@example.com>",
      "To: Group: B <B@Example.com>, c@example.com;",
      "Reply-To: replies@example.com",
      "Subject: ids",
      "Message-ID: <m1@example.com>",
      "In-Reply-To: <p1@example.com> <p2@example.com>",
      "References: <r1@example.com>",
      "\t<r2@example.com> not-an-id",
      "\t<p1@example.com>",
      "Delivered-To: Support@Postdesk.test",
      "X-Original-To: <reply+abc@in.postdesk.test>",
      "X-Custom: one",
      "X-Custom: two",
      "",
      "body",
      "",
    ].join("\r\n"),
  );

  it("splits In-Reply-To and References into every id and collects envelope recipients", async () => {
    const mail = await parseEmail(raw);
    expect(mail.messageId).toBe("m1@example.com");
    expect(mail.inReplyTo).toEqual(["p1@example.com", "p2@example.com"]);
    expect(mail.references).toEqual(["r1@example.com", "r2@example.com", "p1@example.com"]);
    expect(mail.envelopeRecipients).toEqual(["support@postdesk.test", "reply+abc@in.postdesk.test"]);
    expect(mail.to.map((a) => a.address)).toEqual(["b@example.com", "c@example.com"]);
    expect(mail.replyTo).toEqual([{ name: "", address: "replies@example.com" }]);
    expect(mail.headers["x-custom"]).toEqual(["one", "two"]);
    expect(mail.headers["references"]).toEqual(["<r1@example.com> <r2@example.com> not-an-id <p1@example.com>"]);
    expect(mail.text?.trim()).toBe("body");
  });

  it("trims an enormous References chain to the root and the newest ids, and refuses giant ids", async () => {
    const refs = Array.from({ length: 300 }, (_, i) => `<r${i}@example.com>`).join(" ");
    const giant = `<${"x".repeat(2000)}@example.com>`;
    const mail = await parseEmail(Buffer.from(`From: a@example.com\r\nMessage-ID: ${giant}\r\nReferences: ${refs}\r\n\r\nx`));
    expect(mail.messageId).toBeNull();
    expect(mail.references).toHaveLength(100);
    expect(mail.references[0]).toBe("r0@example.com");
    expect(mail.references[1]).toBe("r201@example.com");
    expect(mail.references.at(-1)).toBe("r299@example.com");
  });

  it("gives null for a missing or malformed Message-ID", async () => {
    const none = await parseEmail(Buffer.from("From: a@example.com\r\nSubject: x\r\n\r\nhi\r\n"));
    expect(none.messageId).toBeNull();
    expect(none.date).toBeNull();
    const bad = await parseEmail(Buffer.from("From: a@example.com\r\nMessage-ID: <no at sign>\r\n\r\nhi\r\n"));
    expect(bad.messageId).toBeNull();
  });
});

describe("parseEmail: attachments", () => {
  it("keeps all 30 attachments with their names and bytes", async () => {
    const parts = Array.from({ length: 30 }, (_, i) =>
      [
        "--b",
        "Content-Type: text/csv",
        `Content-Disposition: attachment; filename="report-${i + 1}.csv"`,
        "",
        `row,${i + 1}`,
      ].join("\r\n"),
    );
    const raw = Buffer.from(
      ["From: a@example.com", "Subject: many", 'Content-Type: multipart/mixed; boundary="b"', "", "--b",
        "Content-Type: text/plain", "", "see files", ...parts, "--b--", ""].join("\r\n"),
    );
    const mail = await parseEmail(raw);
    expect(mail.attachments).toHaveLength(30);
    expect(mail.attachments.map((a) => a.filename)).toEqual(parts.map((_, i) => `report-${i + 1}.csv`));
    expect(mail.attachments[29].content.toString()).toBe("row,30");
    expect(mail.attachments.every((a) => !a.inline && a.contentType === "text/csv")).toBe(true);
  });

  it("treats a cid: image without Content-Disposition as inline and keeps the cid reference", async () => {
    const mail = await parseEmail(fixture("inline-cid.eml"));
    expect(mail.attachments).toHaveLength(1);
    const [image] = mail.attachments;
    expect(image).toMatchObject({ contentType: "image/png", contentId: "shot001@example.com", inline: true, filename: "image-1.png" });
    expect(image.content.subarray(1, 4).toString()).toBe("PNG");
    expect(image.size).toBe(image.content.length);
    expect(mail.html).toContain('src="cid:shot001@example.com"');
    expect(mail.text).toContain("The error looks like this:");
  });

  it("lists an Apple Mail 'inline' PDF that the HTML does not show as an ordinary attachment", async () => {
    const raw = Buffer.from(
      ["From: a@example.com", 'Content-Type: multipart/mixed; boundary="b"', "", "--b", "Content-Type: text/plain", "", "Invoice attached",
        "--b", "Content-Type: application/pdf; name=invoice.pdf", "Content-Disposition: inline; filename=invoice.pdf",
        "Content-ID: <pdf1@example.com>", "", "%PDF-1.4", "--b--", ""].join("\r\n"),
    );
    const [pdf] = (await parseEmail(raw)).attachments;
    expect(pdf).toMatchObject({ filename: "invoice.pdf", contentId: "pdf1@example.com", inline: false });
  });

  it("neutralises hostile filenames and display names, and decodes RFC 2231 names", async () => {
    const mail = await parseEmail(fixture("hostile-names.eml"));
    expect(mail.from?.name).toBe("Admin gnillib");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["passwd", "счёт № 7.pdf", "evil.exe"]);
    for (const a of mail.attachments) expect(a.filename).not.toMatch(/[\\/]/);
  });

  it("keeps long subjects up to the RFC line limit, without control characters", async () => {
    const subject = "Order problem ".repeat(40).trim();
    const mail = await parseEmail(Buffer.from(`From: a@example.com\r\nSubject: ${subject}\x07\r\n\r\nx`));
    expect(mail.subject).toBe(subject);
  });

  it("bounds very long filenames but keeps the extension", async () => {
    const long = "a".repeat(500);
    const raw = Buffer.from(
      ["From: a@example.com", 'Content-Type: multipart/mixed; boundary="b"', "", "--b",
        `Content-Disposition: attachment; filename="${long}.pdf"`, "Content-Type: application/pdf", "", "x", "--b--", ""].join("\r\n"),
    );
    const [a] = (await parseEmail(raw)).attachments;
    expect(a.filename.length).toBeLessThanOrEqual(180);
    expect(a.filename.endsWith(".pdf")).toBe(true);
  });
});

describe("parseEmail: HTML", () => {
  it("sanitizes HTML-only mail and derives the text from it", async () => {
    const mail = await parseEmail(fixture("html-only.eml"));
    expect(mail.html).not.toMatch(/script|onload|javascript:|tracker\.example\.net"|<style/i);
    expect(mail.html).toContain("<b>#42</b>");
    expect(mail.text).toBe("Hello there,\nYour order #42 & more.\nclick");
  });
});

describe("parseEmail: input that is not an email", () => {
  it.each([
    ["empty input", Buffer.alloc(0), /empty/],
    ["binary junk", fixture("not-an-email.bin"), /not an RFC 822 email/],
    ["prose without headers", Buffer.from("Hello,\n\nplease call me back.\n"), /does not start with an email header/],
  ])("throws a readable error for %s", async (_, raw, message) => {
    await expect(parseEmail(raw)).rejects.toThrow(message);
  });

  it("says in words when a message has more parts than the parser reads", async () => {
    let raw = 'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n';
    for (let i = 0; i < 1001; i++) raw += `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`;
    await expect(parseEmail(Buffer.from(`${raw}--b--\r\n`))).rejects.toThrow("more than 1,000 MIME parts");
  });

  it("reads a message whose body has NUL bytes right after short headers", async () => {
    const raw = Buffer.concat([Buffer.from("From: a@example.com\r\nSubject: bin\r\n\r\n"), Buffer.from([0, 1, 2, 0x41])]);
    expect((await parseEmail(raw)).subject).toBe("bin");
  });

  it("still reads a message whose multipart is cut off", async () => {
    const raw = Buffer.from(
      ["From: a@example.com", "Subject: truncated", 'Content-Type: multipart/mixed; boundary="b"', "", "--b",
        "Content-Type: text/plain", "", "first part survives"].join("\r\n"),
    );
    const mail = await parseEmail(raw);
    expect(mail.subject).toBe("truncated");
    expect(mail.text).toContain("first part survives");
  });
});
