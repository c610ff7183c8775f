import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";
import { postRelayMail } from "../support/relay";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

/**
 * The customer satisfaction path in Chromium against the production build and a real SMTP server:
 * an administrator turns surveys on and resolves a conversation; the survey mail arrives, threaded
 * and marked automatic; the customer opens its link (the rating preselected, nothing saved yet),
 * comments and submits; an agent watching the conversation sees the rating arrive live, and the
 * CSAT report shows it.
 */
const INGRESS_PASSWORD = `csat-${randomBytes(6).toString("hex")}`;
const STEP_MS = 20_000;

const liveReady = (page: Page) =>
  page.waitForFunction(() => document.documentElement.dataset.live === "connected" && document.documentElement.dataset.liveChannels === "subscribed");

describeE2E("customer satisfaction surveys", () => {
  let smtp: TestSmtpServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  const app = useAppServer({ realtime: true, env: { INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN: "in.csat.test" } });
  const browser = useBrowser();

  it("mails the survey on resolve; the customer rates and comments; the agent sees it live and in the report", async () => {
    if (!smtp) throw new Error("no SMTP server");
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const agent = await app().seedUser(admin.accountId, { name: "Bob Agent" });
    const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
    const inbox = await createEmailInbox(app().db, userActor(admin.userId), admin.accountId, {
      name: "Support mail",
      memberIds: [admin.userId, agent.userId],
      channel: { email: address, imapEnabled: false, smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false, smtpAuthentication: "none" },
    });
    const customerId = `<${randomBytes(8).toString("hex")}@customer.test>`;
    const mail = [`From: Carol Customer <carol@customer.test>`, `To: ${address}`, `Subject: Printer on fire`, `Message-ID: ${customerId}`, `Date: ${new Date().toUTCString()}`, "", "The printer is on fire.", ""].join("\r\n");
    expect(await postRelayMail(app().url, INGRESS_PASSWORD, mail)).toBe(202);

    const adminPage = await (await browser().newContext()).newPage();
    const agentPage = await (await browser().newContext()).newPage();
    const customerPage = await (await browser().newContext()).newPage();
    for (const p of [adminPage, agentPage, customerPage]) p.setDefaultTimeout(STEP_MS);

    // The administrator turns surveys on in the inbox's settings.
    await signIn(adminPage, app().url, admin.email, admin.password);
    await adminPage.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/${inbox.id}`);
    const csatForm = adminPage.getByRole("form", { name: "Customer satisfaction" });
    await csatForm.getByLabel(/Send a satisfaction survey/).check();
    await csatForm.getByRole("button", { name: "Save" }).click();
    await csatForm.getByText("Survey setting saved.").waitFor();

    // Both open the conversation; the administrator resolves it.
    const open = async (page: Page) => {
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
      await liveReady(page);
      await page.getByRole("link", { name: /Carol Customer/ }).click();
      await page.getByRole("region", { name: "Messages" }).getByText("The printer is on fire.").waitFor();
      await liveReady(page);
    };
    await signIn(agentPage, app().url, agent.email, agent.password);
    await open(agentPage);
    await open(adminPage);
    await adminPage.getByRole("button", { name: "Resolve", exact: true }).click();

    // The survey mail: threaded on the customer's message, automatic, one link per rating.
    await expect.poll(() => smtp!.messages.length, { timeout: 30_000 }).toBe(1);
    const received = smtp.messages[0];
    expect(received.envelope.to).toEqual(["carol@customer.test"]);
    const parsed = await simpleParser(received.raw);
    expect(parsed.inReplyTo).toBe(customerId);
    expect(parsed.subject).toBe("Re: Printer on fire");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-replied");
    const links = [...(parsed.text ?? "").matchAll(/https?:\/\/\S+\/survey\/responses\/\S+\?rating=(\d)/g)];
    expect(links.map((l) => l[1]).sort()).toEqual(["1", "2", "3", "4", "5"]);
    const four = links.find((l) => l[1] === "4")![0];

    // The agent sees the survey went out, unanswered (live: nobody reloaded).
    const survey = agentPage.getByRole("region", { name: "Messages" });
    await survey.getByText("Satisfaction survey sent · no answer yet").waitFor();
    await agentPage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // The customer follows the "4" link: chosen, not saved until Submit.
    await customerPage.goto(four.replace(/^https?:\/\/[^/]+/, app().url));
    await customerPage.getByRole("heading", { name: "How did we do?" }).waitFor();
    await customerPage.getByText("About your conversation “Printer on fire”.").waitFor();
    expect(await customerPage.getByLabel("4 – Satisfied").isChecked()).toBe(true);
    await agentPage.waitForTimeout(500);
    await survey.getByText("Satisfaction survey sent · no answer yet").waitFor();
    await customerPage.getByLabel("Comment (optional)").fill("Fire is out, thank you!");
    await customerPage.getByRole("button", { name: "Submit" }).click();
    await customerPage.getByRole("status").getByText("Thank you! Your answer was saved.").waitFor();

    // The agent's screen shows the rating without a reload.
    await survey.getByText("4 of 5").waitFor();
    await survey.getByText("“Fire is out, thank you!”").waitFor();
    expect(await agentPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true)).toBe(true);

    // And the report counts it.
    await adminPage.goto(`${app().url}/app/accounts/${admin.accountId}/reports/csat`);
    await adminPage.getByRole("heading", { name: "Customer satisfaction" }).waitFor();
    const figure = (label: string) => adminPage.locator("dl > div", { has: adminPage.getByText(label, { exact: true }) }).locator("dd").first();
    expect(await figure("Surveys sent").textContent()).toBe("1");
    expect(await figure("Response rate").textContent()).toBe("100%");
    expect(await figure("Satisfaction score").textContent()).toBe("100%");
    const row = adminPage.getByRole("row", { name: /Carol Customer/ });
    await row.getByText("Fire is out, thank you!").waitFor();
    expect(await row.getByText("4 of 5").count()).toBe(1);
  });
});
