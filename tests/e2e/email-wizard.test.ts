import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { describeDovecot, useDovecot } from "../support/dovecot";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

/**
 * The email channel end to end in the production build: an administrator creates an email inbox
 * with the wizard against the test Dovecot and SMTP server, Test connection passes, a message
 * delivered to Dovecot appears after Poll now, the agent replies, and the reply reaches the SMTP
 * server threaded under the customer's message.
 */
const STEP_MS = 30_000;
const MAILBOX = "support@wizard.test";

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

describeDovecot("email inbox wizard (Dovecot)", () => {
  describeE2E("email inbox wizard", () => {
    const dovecot = useDovecot();
    const app = useAppServer({ realtime: true });
    const browser = useBrowser();
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      await dovecot().addUser(MAILBOX, "imap-pw");
      smtp = await startSmtpServer({ users: { [MAILBOX]: "smtp-pw" } });
    });
    afterAll(async () => {
      await smtp?.stop();
    });

    it("creates an email inbox, tests it, imports mail on Poll now and sends a threaded reply", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      const context = await browser().newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      try {
        await authenticate(page.context(), app().url, admin.email, admin.password);
        await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes`);
        await page.getByRole("link", { name: "Add inbox" }).click();
        await page.getByRole("link", { name: /Email \(IMAP\/SMTP\)/ }).click();

        // Tested empty: every problem at once, each under its field, in the form's words.
        await page.getByRole("button", { name: "Test connection" }).click();
        await page.locator('[data-field-error="email-address"]', { hasText: "Email address is not valid" }).waitFor();
        await page.locator('[data-field-error="imap-address"]', { hasText: "IMAP host can't be blank" }).waitFor();
        await page.locator('[data-field-error="smtp-address"]', { hasText: "SMTP host can't be blank" }).waitFor();
        expect(await page.getByRole("alert").allTextContents()).not.toContainEqual(expect.stringContaining("channel."));

        await fill(page, "Inbox name", "Wizard support");
        await fill(page, "Email address", MAILBOX);
        await fill(page, "IMAP host", dovecot().host);
        await fill(page, "IMAP port", String(dovecot().port));
        await page.getByLabel("IMAP security").selectOption({ label: "STARTTLS when offered (otherwise unencrypted)" });
        await fill(page, "IMAP login", MAILBOX);
        await fill(page, "IMAP password", "imap-pw");
        await page.getByLabel("After import").selectOption({ label: "Mark as read" });
        await fill(page, "SMTP host", smtp.host);
        await fill(page, "SMTP port", String(smtp.port));
        await fill(page, "SMTP login", MAILBOX);
        await fill(page, "SMTP password", "smtp-pw");

        await page.getByRole("button", { name: "Test connection" }).click();
        const results = page.getByRole("list", { name: "Connection test results" });
        await results.getByText(`Signed in to ${dovecot().host} as ${MAILBOX}`).waitFor();
        await results.getByText("Folder INBOX exists").waitFor();
        await results.getByText(`Connected to ${smtp.host}:${smtp.port} and signed in as ${MAILBOX}`).waitFor();
        expect(await results.getByLabel("failed").count()).toBe(0);
        // The test servers offer no STARTTLS: signing in unencrypted is said, as a warning.
        await results.getByText(/IMAP: .* does not offer STARTTLS, so Postdesk signed in without encryption/).waitFor();
        expect(await results.getByLabel("warning").count()).toBe(2);
        expect(await page.locator("[data-field-error]").count()).toBe(0);

        await page.getByRole("button", { name: "Create inbox" }).click();
        await page.getByRole("heading", { name: "Wizard support" }).waitFor();
        await page.getByText("Forwarding address").waitFor();
        await page.getByText("Healthy").waitFor();

        const customerId = `${randomBytes(6).toString("hex")}@customer.test`;
        await dovecot().appendMessage(
          MAILBOX,
          "INBOX",
          [
            "From: Carol Customer <carol@customer.test>",
            `To: ${MAILBOX}`,
            "Subject: The wizard printer is on fire",
            `Message-ID: <${customerId}>`,
            `Date: ${new Date().toUTCString()}`,
            "",
            "Please send help.",
            "",
          ].join("\r\n"),
        );
        // The screen is live: the poll's result replaces "Checking for new mail…" (a scheduled poll may have been first).
        await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
        await page.getByRole("button", { name: "Poll now" }).click();
        await page.getByText(/^Checked just now: (1 new message|no new messages)$/).waitFor();

        const conversations = `${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`;
        await waitFor("the imported conversation", async () => {
          await page.goto(conversations);
          return (await page.getByRole("link", { name: /Carol Customer/ }).count()) > 0 ? true : undefined;
        });
        await page.getByRole("link", { name: /Carol Customer/ }).click();
        await page.getByText("Please send help.").waitFor();

        await page.getByLabel("Message", { exact: true }).fill("Help is on the way.");
        await page.getByRole("button", { name: "Send" }).click();
        const sent = await waitFor("the reply at the SMTP server", async () => smtp.messages.find((m) => m.raw.toString().includes("Help is on the way")));
        const head = sent.raw.toString("utf8").split(/\r?\n\r?\n/)[0];
        expect(head).toMatch(new RegExp(`^In-Reply-To: <${customerId.replace(/\./g, "\\.")}>`, "im"));
        expect(head).toMatch(/^Subject: Re: The wizard printer is on fire/im);
        expect(sent.envelope.to).toEqual(["carol@customer.test"]);
      } finally {
        await context.close();
      }
    }, 240_000);

    it("shows administrators, not agents, a Reconnect needed banner while a mailbox refuses the sign-in", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      const agent = await app().seedUser(admin.accountId, { name: "Bob Agent" });
      const inbox = await createEmailInbox(app().db, userActor(admin.userId), admin.accountId, {
        name: "Locked out",
        memberIds: [agent.userId],
        channel: { email: "locked@wizard.test", imapEnabled: false, smtpEnabled: false },
      });
      await app()
        .db.update(channelEmail)
        .set({ health: "reconnect_needed", lastError: "The IMAP server refused the login for locked@wizard.test: check the password" })
        .where(eq(channelEmail.id, inbox.channelId));
      const context = await browser().newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      try {
        await authenticate(page.context(), app().url, admin.email, admin.password);
        await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations`);
        const banner = page.getByRole("alert").filter({ hasText: "Reconnect needed" });
        await banner.getByRole("link", { name: "Locked out" }).click();
        await page.getByRole("heading", { name: "Locked out" }).waitFor();
        await page.getByText("The IMAP server refused the login for locked@wizard.test: check the password").waitFor();
      } finally {
        await context.close();
      }
      // The agent in a browser of their own: clearing the admin's cookies instead races with the
      // admin page's in-flight requests, whose responses can set the session cookie again.
      const agentContext = await browser().newContext();
      const agentPage = await agentContext.newPage();
      agentPage.setDefaultTimeout(STEP_MS);
      try {
        await authenticate(agentPage.context(), app().url, agent.email, agent.password);
        // The agent sees the inbox's health (it is their inbox) but no banner and no Poll now.
        await agentPage.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/${inbox.id}`);
        await agentPage.getByRole("heading", { name: "Health" }).waitFor();
        await agentPage.getByText("The IMAP server refused the login for locked@wizard.test: check the password").waitFor();
        expect(await agentPage.getByRole("alert").filter({ hasText: "Reconnect needed" }).count()).toBe(0);
        expect(await agentPage.getByText("Forwarding address").count()).toBe(0);
      } finally {
        await agentContext.close();
      }
    }, 120_000);
  });
});
