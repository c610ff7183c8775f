import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { postRelayMail } from "../support/relay";

/**
 * Replying to an email conversation in Chromium, against the production build and a real SMTP
 * server: the composer's To / Cc / Bcc are what is sent ("Reply all" keeps the To and Cc of the
 * mail being answered, never our own addresses), and the reply's send status changes live,
 * without a reload — "Sending" while the server takes its time, then "Sent", or "Failed" with
 * the server's reason.
 */
const INGRESS_PASSWORD = `reply-${randomBytes(6).toString("hex")}`;
const STEP_MS = 20_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

async function postMail(app: App, raw: string) {
  expect(await postRelayMail(app.url, INGRESS_PASSWORD, raw)).toBe(202);
}

async function inboxWithSmtp(app: App, accountId: number, userId: number, smtp: TestSmtpServer) {
  const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
  await createEmailInbox(app.db, userActor(userId), accountId, {
    name: `Mail ${address}`,
    memberIds: [userId],
    channel: {
      email: address,
      imapEnabled: false,
      smtpEnabled: true,
      smtpAddress: smtp.host,
      smtpPort: smtp.port,
      smtpEnableSslTls: false,
      smtpEnableStarttlsAuto: false,
      smtpAuthentication: "none",
    },
  });
  return address;
}

function customerMail(to: string, cc: string, subject: string) {
  const id = `<${randomBytes(8).toString("hex")}@customer.test>`;
  const raw = [`From: Carol Customer <carol@customer.test>`, `To: ${to}`, `Cc: ${cc}`, `Subject: ${subject}`, `Message-ID: ${id}`, `Date: ${new Date().toUTCString()}`, "", "The printer is on fire.", ""];
  return raw.join("\r\n");
}

/** Records every send status the reply shows, so a short-lived one is not missed between two looks. */
async function watchStatuses(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    const look = () => {
      for (const el of document.querySelectorAll("[data-email-status]")) {
        const status = el.getAttribute("data-email-status") ?? "";
        if (seen.at(-1) !== status) seen.push(status);
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-email-status"] });
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
}
const statuses = (page: Page) => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** Opens the customer's conversation from the list, once the import job has brought the mail in. */
async function openConversation(app: App, page: Page, accountId: number) {
  await page.goto(`${app.url}/app/accounts/${accountId}/conversations?assignee_type=all`);
  await page.waitForFunction(() => document.documentElement.dataset.live === "connected" && document.documentElement.dataset.liveChannels === "subscribed");
  await page.getByRole("link", { name: /Carol Customer/ }).click({ timeout: STEP_MS });
  await page.getByRole("region", { name: "Messages" }).getByText("The printer is on fire.").waitFor();
}

describeE2E("replying by email", () => {
  let slow: TestSmtpServer | undefined;
  let refusing: TestSmtpServer | undefined;
  beforeAll(async () => {
    slow = await startSmtpServer({ answerDelayMs: 3_000 });
    refusing = await startSmtpServer({ failWith: { code: 550, message: "5.1.1 <carol@customer.test>: Recipient address rejected: User unknown" } });
  });
  afterAll(async () => {
    await slow?.stop();
    await refusing?.stop();
  });
  const app = useAppServer({ realtime: true, env: { INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN: "in.reply.test" } });
  const browser = useBrowser();

  it("sends To, Cc and Bcc exactly as the composer shows them after Reply all, and shows Sending then Sent live", async () => {
    if (!slow) throw new Error("no SMTP server");
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const address = await inboxWithSmtp(app(), admin.accountId, admin.userId, slow);
    // Cc'd: a colleague of the customer, and our own inbox (never a recipient of our reply).
    await postMail(app(), customerMail(address, `Dave Colleague <dave@customer.test>, ${address}`, "Printer on fire"));

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openConversation(app(), page, admin.accountId);
      const to = page.getByLabel("To", { exact: true });
      const cc = page.getByLabel("Cc", { exact: true });
      const bcc = page.getByLabel("Bcc", { exact: true });
      expect(await to.inputValue()).toBe("carol@customer.test");
      expect(await cc.inputValue()).toBe("");

      // The recipients are folded to one line until opened.
      await page.getByRole("button", { name: /^Edit recipients \(To: carol@customer\.test\)$/ }).click();
      await page.getByLabel("Reply all").check();
      expect(await to.inputValue()).toBe("carol@customer.test");
      expect(await cc.inputValue()).toBe("dave@customer.test");
      await bcc.fill("boss@acme-corp.test");
      await page.getByLabel("Message", { exact: true }).fill("We are on our way with an extinguisher.");

      // The draft keeps its recipients across a reload.
      await page.reload();
      await page.waitForFunction(() => (document.querySelector("#composer-bcc") as HTMLInputElement | null)?.value === "boss@acme-corp.test");
      expect(await page.getByLabel("Reply all").isChecked()).toBe(true);
      expect(await cc.inputValue()).toBe("dave@customer.test");
      await page.waitForFunction(() => document.documentElement.dataset.live === "connected" && document.documentElement.dataset.liveChannels === "subscribed");

      await watchStatuses(page);
      await page.getByRole("button", { name: "Send" }).click();
      const reply = page.getByRole("listitem", { name: "Reply from Alice Agent" });
      await reply.getByText("Sending email…").waitFor();
      await reply.getByText("Sent by email").waitFor({ timeout: 15_000 });
      expect(await statuses(page)).toEqual(["sending", "sent"]);
      expect(await notReloaded(page)).toBe(true);
      // Sent: the fields are back to the contact for the next reply.
      expect(await to.inputValue()).toBe("carol@customer.test");
      expect(await bcc.inputValue()).toBe("");

      expect(slow.messages).toHaveLength(1);
      const [mail] = slow.messages;
      expect([...mail.envelope.to].sort()).toEqual(["boss@acme-corp.test", "carol@customer.test", "dave@customer.test"]);
      const head = mail.raw.toString("utf8").split("\r\n\r\n")[0];
      expect(head).toMatch(/^To: carol@customer\.test$/m);
      expect(head).toMatch(/^Cc: dave@customer\.test$/m);
      expect(mail.raw.toString("utf8")).not.toContain("boss@acme-corp.test");
      expect(head).not.toMatch(new RegExp(`^(To|Cc):.*${address.replace(/[.]/g, "\\.")}`, "m"));
    } finally {
      await context.close();
    }
  });

  it("shows Failed with the SMTP server's reason when it refuses the reply, without a reload", async () => {
    if (!refusing) throw new Error("no SMTP server");
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const address = await inboxWithSmtp(app(), admin.accountId, admin.userId, refusing);
    await postMail(app(), customerMail(address, "dave@customer.test", "Scanner jammed"));

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openConversation(app(), page, admin.accountId);
      await watchStatuses(page);
      await page.getByLabel("Message", { exact: true }).fill("Have you tried turning it off and on again?");
      await page.getByRole("button", { name: "Send" }).click();
      const reply = page.getByRole("listitem", { name: "Reply from Alice Agent" });
      await reply.getByText("Email not sent").waitFor({ timeout: 15_000 });
      await reply.getByText(/Recipient address rejected/).waitFor();
      await reply.getByRole("button", { name: "Retry" }).waitFor();
      expect((await statuses(page)).at(-1)).toBe("failed");
      expect(await notReloaded(page)).toBe(true);
      expect(refusing.attempts()).toBe(1);
      // The list row says so too (an icon, and words for screen readers).
      await page.getByRole("link", { name: /Carol Customer/ }).filter({ hasText: "Reply not delivered" }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("while the mail server is unreachable shows Retrying with the reason and the next attempt, without a reload", async () => {
    // A real SMTP server, stopped: its port refuses connections.
    const gone = await startSmtpServer();
    await gone.stop();
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const address = await inboxWithSmtp(app(), admin.accountId, admin.userId, gone);
    await postMail(app(), customerMail(address, "dave@customer.test", "Fax broken"));

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openConversation(app(), page, admin.accountId);
      await watchStatuses(page);
      await page.getByLabel("Message", { exact: true }).fill("A technician is on the way.");
      await page.getByRole("button", { name: "Send" }).click();
      const reply = page.getByRole("listitem", { name: "Reply from Alice Agent" });
      await reply.getByText(/^Retrying: Could not reach the mail server\. .+ — next attempt at \d{1,2}:\d{2}:\d{2} [AP]M$/).waitFor({ timeout: 15_000 });
      expect(await notReloaded(page)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("in an inbox without SMTP says the reply was kept in the local outbox, and links it", async () => {
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const address = `forward-${randomBytes(3).toString("hex")}@acme.test`;
    await createEmailInbox(app().db, userActor(admin.userId), admin.accountId, {
      name: `Forwarded ${address}`,
      memberIds: [admin.userId],
      channel: { email: address, imapEnabled: false, smtpEnabled: false },
    });
    await postMail(app(), customerMail(address, "dave@customer.test", "Stapler missing"));

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openConversation(app(), page, admin.accountId);
      await page.getByLabel("Message", { exact: true }).fill("Check the second drawer.");
      await page.getByRole("button", { name: "Send" }).click();
      const reply = page.getByRole("listitem", { name: "Reply from Alice Agent" });
      await reply.getByText("Kept in the local outbox (no outgoing mail server)").waitFor({ timeout: 15_000 });
      expect(await reply.getByText("Sent by email").count()).toBe(0);
      await reply.getByRole("link", { name: "View in Outbox" }).click();
      await page.waitForURL((url) => url.pathname.startsWith(`/app/accounts/${admin.accountId}/settings/outbox/`));
      await page.getByText("Check the second drawer.").first().waitFor();
    } finally {
      await context.close();
    }
  });
});
