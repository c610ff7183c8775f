import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { postRelayMail } from "../support/relay";

/**
 * The composer in Chromium against the production build: on a phone the To / Cc / Bcc fold to
 * one line so the thread keeps at least half the screen; a canned response written in Settings is
 * inserted with `/` and its variables filled for the conversation.
 */
const INGRESS_PASSWORD = `composer-${randomBytes(6).toString("hex")}`;
const STEP_MS = 20_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

/** An email inbox (no SMTP: replies go to the outbox) with one mail from Carol; returns the conversation's display id. */
async function emailConversation(app: App, accountId: number, userId: number): Promise<number> {
  const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
  await createEmailInbox(app.db, userActor(userId), accountId, {
    name: `Mail ${address}`,
    memberIds: [userId],
    channel: { email: address, imapEnabled: false, smtpEnabled: false },
  });
  const body = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of a long complaint about the printer.`).join("\r\n");
  const raw = [`From: Carol Customer <carol@customer.test>`, `To: ${address}`, `Cc: dave@customer.test`, `Subject: Printer on fire`, `Message-ID: <${randomBytes(8).toString("hex")}@customer.test>`, `Date: ${new Date().toUTCString()}`, "", body, ""].join("\r\n");
  expect(await postRelayMail(app.url, INGRESS_PASSWORD, raw)).toBe(202);
  const deadline = Date.now() + STEP_MS;
  while (Date.now() < deadline) {
    const [row] = await app.db.select({ displayId: conversations.displayId }).from(conversations).where(eq(conversations.accountId, accountId)).limit(1);
    if (row) return row.displayId;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the mail did not become a conversation");
}

describeE2E("composer", () => {
  const app = useAppServer({ env: { INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN: "in.composer.test", ATTACHMENT_UPLOAD_MAX_BYTES: "4000" } });
  const browser = useBrowser();

  it("on a phone folds To / Cc / Bcc to one line, so the thread keeps at least half the screen", async () => {
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const displayId = await emailConversation(app(), admin.accountId, admin.userId);
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${displayId}`);
      const thread = page.getByRole("region", { name: "Messages" });
      await thread.getByText("Line 1 of a long complaint").waitFor();
      const folded = page.getByRole("button", { name: "Edit recipients (To: carol@customer.test)" });
      await folded.waitFor();
      expect(await page.getByLabel("To", { exact: true }).isVisible()).toBe(false);
      const box = await thread.boundingBox();
      const sizes = await page.evaluate(() =>
        ["header", "form", "nav", "aside"].map((sel) => [...document.querySelectorAll(sel)].map((el) => `${sel}:${Math.round(el.getBoundingClientRect().height)}`).join(",")),
      );
      // The sizes of what else is on screen say where the room went when this fails.
      expect(box?.height ?? 0, JSON.stringify(sizes)).toBeGreaterThanOrEqual(844 / 2);

      // Opened, the fields are there to edit, and what they hold is what the line shows.
      await folded.click();
      await page.getByLabel("Reply all").check();
      expect(await page.getByLabel("Cc", { exact: true }).inputValue()).toBe("dave@customer.test");
      await page.getByRole("button", { name: "Hide recipients" }).click();
      await page.getByRole("button", { name: "Edit recipients (To: carol@customer.test · Cc: dave@customer.test)" }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("inserts a canned response written in Settings with /, its variables filled for the conversation", async () => {
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const displayId = await emailConversation(app(), admin.accountId, admin.userId);
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/canned-responses`);
      await page.getByLabel("Short code").fill("sorry");
      await page.getByLabel("Content").fill("Hi {{contact.first_name}}, {{agent.name}} here about #{{conversation.id}}.");
      await page.getByRole("button", { name: "Add response" }).click();
      await page.getByRole("list", { name: "Canned responses" }).getByText("/sorry").waitFor();

      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${displayId}`);
      const message = page.getByLabel("Message", { exact: true });
      await message.click();
      await message.pressSequentially("Hello. /sor");
      const option = page.getByRole("listbox", { name: "Canned responses" }).getByRole("option", { name: /\/sorry/ });
      await option.waitFor();
      await message.press("Enter");
      expect(await message.innerText()).toBe(`Hello. Hi Carol, Alice Agent here about #${displayId}.`);
      expect(await page.getByRole("listbox", { name: "Canned responses" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("attaches files (the limit stated, a larger one refused before upload), shows each upload, and the sent note lists them", async () => {
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const displayId = await emailConversation(app(), admin.accountId, admin.userId);
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${displayId}`);
      await page.getByRole("button", { name: /Attach/ }).getByText("(up to 4 KB)").waitFor();
      await page.getByRole("tab", { name: "Private note" }).click();
      await page.getByLabel("Attach files").setInputFiles([
        { name: "report.txt", mimeType: "text/plain", buffer: Buffer.from("quarterly numbers") },
        { name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(5000) },
      ]);
      const attached = page.getByRole("list", { name: "Attached files" });
      await attached.getByRole("listitem", { name: "report.txt" }).getByText(/ready/).waitFor();
      await attached.getByRole("listitem", { name: "huge.bin" }).getByRole("alert").filter({ hasText: "Larger than the 4 KB limit" }).waitFor();
      await page.getByRole("button", { name: "Remove huge.bin" }).click();

      await page.getByLabel("Message", { exact: true }).fill("The report, for the record.");
      await page.getByRole("button", { name: "Send" }).click();
      const note = page.getByRole("region", { name: "Messages" }).getByRole("listitem").filter({ hasText: "The report, for the record." });
      const link = note.getByRole("link", { name: "report.txt" });
      await link.waitFor();
      const href = await link.getAttribute("href");
      const response = await page.request.get(`${app().url}${href}`);
      expect(await response.text()).toBe("quarterly numbers");
      expect(await attached.count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
