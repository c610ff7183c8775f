import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { postRelayMail } from "../support/relay";

/**
 * An agent formats a reply in the composer (bold from the keyboard, a bulleted list from the
 * toolbar, a link with Ctrl+K) and sends it to a real SMTP server: the mail carries the HTML and
 * a faithful plain-text part, and the thread shows the reply formatted.
 */
const INGRESS_PASSWORD = `rich-${randomBytes(6).toString("hex")}`;
const STEP_MS = 20_000;

describeE2E("rich-text replies", () => {
  let smtp: TestSmtpServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  const app = useAppServer({ realtime: true, env: { INGRESS_PASSWORD } });
  const browser = useBrowser();

  it("formats a reply with bold, a list and a link; the mail has both parts and the thread shows it formatted", async () => {
    if (!smtp) throw new Error("no SMTP server");
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
    await createEmailInbox(app().db, userActor(admin.userId), admin.accountId, {
      name: "Mail",
      memberIds: [admin.userId],
      channel: { email: address, imapEnabled: false, smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false, smtpAuthentication: "none" },
    });
    const raw = [`From: Carol Customer <carol@customer.test>`, `To: ${address}`, `Subject: Printer on fire`, `Message-ID: <${randomBytes(8).toString("hex")}@customer.test>`, `Date: ${new Date().toUTCString()}`, "", "The printer is on fire.", ""];
    expect(await postRelayMail(app().url, INGRESS_PASSWORD, raw.join("\r\n"))).toBe(202);

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
      await page.getByRole("link", { name: /Carol Customer/ }).click();
      await page.getByRole("region", { name: "Messages" }).getByText("The printer is on fire.").waitFor();

      const editor = page.getByLabel("Message", { exact: true });
      await editor.click();
      await editor.pressSequentially("Hello ");
      await page.keyboard.press("Control+b");
      await editor.pressSequentially("Carol");
      await page.keyboard.press("Control+b");
      await editor.pressSequentially(", do this:");
      await page.keyboard.press("Enter");
      await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Bulleted list" }).click();
      await editor.pressSequentially("Unplug it");
      await page.keyboard.press("Enter");
      await editor.pressSequentially("Wait a minute");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter"); // an empty item leaves the list
      await editor.pressSequentially("Read the guide");
      for (let i = 0; i < "the guide".length; i++) await page.keyboard.press("Shift+ArrowLeft");
      await page.keyboard.press("Control+k");
      // Ctrl+K in the editor edits the link; it does not open the command bar.
      const href = page.getByLabel("Link address");
      await href.fill("https://help.example/printers");
      await href.press("Enter");
      expect(await page.locator("[cmdk-dialog]").count()).toBe(0);
      await page.getByRole("button", { name: "Send" }).click();

      const reply = page.getByRole("listitem", { name: "Reply from Alice Agent" });
      await reply.getByText("Sent by email").waitFor({ timeout: 15_000 });
      expect(await reply.locator("strong").innerText()).toBe("Carol");
      expect(await reply.locator("ul > li").allInnerTexts()).toEqual(["Unplug it", "Wait a minute"]);
      expect(await reply.getByRole("link", { name: "the guide" }).getAttribute("href")).toBe("https://help.example/printers");
      expect((await editor.innerText()).trim()).toBe("");

      expect(smtp.messages).toHaveLength(1);
      const mail = await simpleParser(smtp.messages[0].raw);
      expect(mail.html).toContain("<strong>Carol</strong>");
      expect(mail.html).toMatch(/<ul><li><p>Unplug it<\/p><\/li><li><p>Wait a minute<\/p><\/li><\/ul>/);
      expect(mail.html).toContain('<a href="https://help.example/printers">the guide</a>');
      expect(mail.text).toContain("Hello Carol, do this:");
      expect(mail.text).toMatch(/^- Unplug it$/m);
      expect(mail.text).toMatch(/^- Wait a minute$/m);
      expect(mail.text).toContain("Read the guide <https://help.example/printers>");
    } finally {
      await context.close();
    }
  });
});
