import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEmail } from "@/lib/email/parse/parse-email";
import { splitQuotedHtml, splitQuotedText } from "./quotes";
import { sanitizeEmailHtml } from "./sanitize-html";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../../tests/fixtures/email", name));

describe("splitQuotedHtml", () => {
  it("folds a Gmail quote and signature, keeping the new text visible", async () => {
    const mail = await parseEmail(fixture("gmail-reply.eml"));
    const { body, quoted } = splitQuotedHtml(mail.html ?? "");
    expect(body).toContain("Thanks, the refund arrived today.");
    expect(body).not.toContain("Sent from the garden");
    expect(body).not.toContain("issued the refund");
    expect(quoted).toContain("Sent from the garden");
    expect(quoted).toContain("we have issued the refund");
  });

  it("folds an Outlook on the web reply at the divRplyFwdMsg block", async () => {
    const mail = await parseEmail(fixture("outlook-reply.eml"));
    const { body, quoted } = splitQuotedHtml(mail.html ?? "");
    expect(body).toContain("Could you resend the invoice as PDF?");
    expect(body).toContain("Morgan");
    expect(body).not.toContain("Please find the invoice attached.");
    expect(quoted).toContain("<b>From:</b> Postdesk Support");
    expect(quoted).toContain("Please find the invoice attached.");
  });

  it("folds Outlook desktop's bordered From/Sent header block", () => {
    const html =
      `<div class="WordSection1"><p class="MsoNormal">Yes, Tuesday works.</p>` +
      `<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">` +
      `<p class="MsoNormal"><b>From:</b> Support &lt;support@postdesk.test&gt;<br><b>Sent:</b> Monday<br></p></div>` +
      `<p class="MsoNormal">Would Tuesday suit you?</p></div>`;
    const { body, quoted } = splitQuotedHtml(html);
    expect(body).toBe(`<div class="WordSection1"><p class="MsoNormal">Yes, Tuesday works.</p></div>`);
    expect(quoted).toContain("Would Tuesday suit you?");
  });

  it("folds Word-generated Outlook HTML after sanitizing (single quotes, o:p tags, span-wrapped labels)", () => {
    const word =
      `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=EN-GB><div class=WordSection1>` +
      `<p class=MsoNormal>Received, thank you.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>` +
      `<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>` +
      `<p class=MsoNormal><b><span lang=EN-US>From:</span></b><span lang=EN-US> Support &lt;support@postdesk.test&gt;` +
      `<br><b>Sent:</b> 09 November 2026 16:10<br><b>Subject:</b> Parcel</span></p></div></div>` +
      `<p class=MsoNormal>Your parcel is on its way.<o:p></o:p></p></div></body></html>`;
    const { body, quoted } = splitQuotedHtml(sanitizeEmailHtml(word));
    expect(body).toContain("Received, thank you.");
    expect(body).not.toContain("parcel is on its way");
    expect(quoted).toContain("Your parcel is on its way.");
  });

  it("folds Apple Mail's blockquote type=cite and an '-----Original Message-----' separator", () => {
    const apple = splitQuotedHtml(
      `<div>Got it.</div><div><br><blockquote type="cite"><div>On 9 Nov 2026, at 10:00, Support wrote:</div><div>Old text</div></blockquote></div>`,
    );
    expect(apple.body).toBe("<div>Got it.</div><div><br /></div>");
    expect(apple.quoted).toContain("Old text");

    const original = splitQuotedHtml(`<p>New answer</p><p>-----Original Message-----<br>From: x<br>Old question</p>`);
    expect(original.body).toBe("<p>New answer</p>");
    expect(original.quoted).toContain("Old question");
  });

  it("folds the 'On … wrote:' line that introduces a cite blockquote, links and all", () => {
    const html =
      `<div>Thanks, that fixed it.</div><div><br></div>` +
      `<div>On Mon, Nov 9, 2026, at 10:00, Support &lt;<a href="mailto:support@postdesk.test">support@postdesk.test</a>&gt; wrote:<br></div>` +
      `<blockquote type="cite"><div>Try restarting the router.</div></blockquote>`;
    const { body, quoted } = splitQuotedHtml(html);
    expect(body).toBe("<div>Thanks, that fixed it.</div><div><br /></div>");
    expect(quoted).toMatch(/^<div>On Mon, Nov 9, 2026/);
    expect(quoted).toContain("Try restarting the router.");
  });

  it("leaves a message without quotes alone, and never folds everything away", () => {
    expect(splitQuotedHtml("<p>Just a question</p>")).toEqual({ body: "<p>Just a question</p>", quoted: null });
    const forward = `<blockquote type="cite"><div>Forwarded content only</div></blockquote>`;
    expect(splitQuotedHtml(forward)).toEqual({ body: forward, quoted: null });
  });
});

describe("splitQuotedText", () => {
  it("folds Gmail-style 'On … wrote:' with > quoted lines", async () => {
    const mail = await parseEmail(fixture("gmail-reply.eml"));
    const { body, quoted } = splitQuotedText(mail.text ?? "");
    expect(body).toBe("Thanks, the refund arrived today.");
    expect(quoted).toMatch(/^On Tue, Nov 10, 2026 at 9:02 AM Postdesk Support <support@postdesk.test> wrote:/);
    expect(quoted).toContain("> we have issued the refund");
  });

  it("folds Outlook's underscore line and From/Sent block", async () => {
    const mail = await parseEmail(fixture("outlook-reply.eml"));
    const { body, quoted } = splitQuotedText(mail.text ?? "");
    expect(body).toBe("Could you resend the invoice as PDF?\n\nMorgan");
    expect(quoted).toContain("Please find the invoice attached.");
  });

  it.each([
    ["----- Original Message -----", "Hello\n\n----- Original Message -----\nFrom: a\nold"],
    ["an attribution wrapped over two lines", "Sure.\n\nOn Mon, 9 Nov 2026 at 10:00, Very Long Name\n<someone@example.com> wrote:\n> old"],
    ["the '-- ' signature delimiter", "See you then.\n-- \nAlex, Example Ltd\n+1 555 0100"],
    ["a trailing run of > lines", "Agreed.\n\n> earlier text\n>\n> more"],
  ])("folds %s", (_, text) => {
    const { body, quoted } = splitQuotedText(text);
    expect(body).toBe(text.split("\n")[0]);
    expect(quoted).not.toBeNull();
  });

  it("keeps inline replies between quoted lines visible", () => {
    const text = "> Can you do Tuesday?\nYes.\n> And the price?\nSame as before.";
    expect(splitQuotedText(text)).toEqual({ body: text, quoted: null });
  });
});
