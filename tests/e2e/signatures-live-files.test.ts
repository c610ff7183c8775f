import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";
import { postRelayMail } from "../support/relay";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

/**
 * Signatures edited where agents and administrators look for them (Profile → Settings, the inbox's
 * settings), previewed under an email reply (not a note), and in the mail a real SMTP server
 * receives exactly once in each part. Files sent by one agent appear on another agent's open thread
 * live, without a render of their page.
 */
const INGRESS_PASSWORD = `sig-${randomBytes(6).toString("hex")}`;
const STEP_MS = 20_000;
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f5c8e50000000049454e44ae426082",
  "hex",
);

type App = ReturnType<ReturnType<typeof useAppServer>>;

async function agentPage(app: App, browser: Browser, email: string, password: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(STEP_MS);
  await signIn(page, app.url, email, password);
  await page.goto(`${app.url}${path}`);
  return page;
}

/** Counts the page's server renders: RSC fetches (refresh, navigation), not server actions nor link prefetches. */
function watchRenders(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on("request", (request) => {
    const h = request.headers();
    const isRender = (h["rsc"] === "1" || h["next-router-state-tree"] !== undefined) && h["next-action"] === undefined && h["next-router-prefetch"] === undefined;
    if (isRender) seen.urls.push(request.url());
  });
  return seen;
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describeE2E("signatures and live files", () => {
  let smtp: TestSmtpServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  const app = useAppServer({ realtime: true, env: { INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN: "in.signatures.test" } });
  const browser = useBrowser();

  it("an agent's and an inbox's signature, set in settings, are previewed under a reply and sent once in both parts", async () => {
    if (!smtp) throw new Error("no SMTP server");
    const admin = await app().seedAccount({ name: "Alice Agent" });
    const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
    const inbox = await createEmailInbox(app().db, userActor(admin.userId), admin.accountId, {
      name: "Support mail",
      memberIds: [admin.userId],
      channel: { email: address, imapEnabled: false, smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false, smtpAuthentication: "none" },
    });
    const base = `/app/accounts/${admin.accountId}`;
    const page = await agentPage(app(), browser(), admin.email, admin.password, `${base}/profile/settings`);
    try {
      // Profile → Settings: the agent's signature in the rich editor, bold from the toolbar.
      const mine = page.getByRole("textbox", { name: "Message signature" });
      await mine.click();
      await page.keyboard.press("Control+b");
      await page.keyboard.type("Alice Agent");
      await page.keyboard.press("Control+b");
      await page.keyboard.type(", Acme support");
      expect(await page.getByRole("switch", { name: "Append my signature to email replies" }).isChecked()).toBe(true);
      await page.getByRole("button", { name: "Save signature" }).click();
      await page.getByText("Signature saved.").waitFor();
      await page.reload();
      await page.getByRole("textbox", { name: "Message signature" }).locator("strong", { hasText: "Alice Agent" }).waitFor();

      // The inbox's settings: its signature.
      await page.goto(`${app().url}${base}/settings/inboxes/${inbox.id}`);
      await page.getByRole("textbox", { name: "Inbox signature" }).click();
      await page.keyboard.type("The Acme team");
      await page.getByRole("button", { name: "Save signature" }).click();
      await page.getByText("Signature saved.").waitFor();

      const mail = [`From: Carol Customer <carol@customer.test>`, `To: ${address}`, `Subject: Printer on fire`, `Message-ID: <${randomBytes(8).toString("hex")}@customer.test>`, `Date: ${new Date().toUTCString()}`, "", "It is burning.", ""];
      expect(await postRelayMail(app().url, INGRESS_PASSWORD, mail.join("\r\n"))).toBe(202);
      let displayId = 0;
      await expect
        .poll(async () => {
          const [row] = await app().db.select({ displayId: conversations.displayId }).from(conversations).where(eq(conversations.accountId, admin.accountId));
          displayId = row?.displayId ?? 0;
          return displayId;
        }, { timeout: STEP_MS })
        .toBeGreaterThan(0);

      await page.goto(`${app().url}${base}/conversations/${displayId}`);
      const preview = page.getByRole("region", { name: "Signature" });
      await preview.getByText("The Acme team").waitFor();
      expect(await preview.locator("strong").textContent()).toBe("Alice Agent");
      // A private note is never signed: no preview.
      await page.getByRole("tab", { name: "Private note" }).click();
      await preview.waitFor({ state: "detached" });
      await page.getByRole("tab", { name: "Reply" }).click();
      await preview.waitFor();

      await page.getByLabel("Message", { exact: true }).fill("We are on our way.");
      await page.getByRole("button", { name: "Send" }).click();
      const reply = page.getByRole("listitem", { name: "Reply from Alice Agent" });
      await reply.getByText("Sent by email").waitFor({ timeout: 30_000 });
      // The thread shows the reply as written; the signature is the mail's.
      expect(await reply.getByText("The Acme team").count()).toBe(0);

      expect(smtp.messages).toHaveLength(1);
      const sent = await simpleParser(smtp.messages[0].raw);
      expect(sent.text).toBe("We are on our way.\n\n-- \nAlice Agent, Acme support\n\nThe Acme team");
      const html = String(sent.html);
      expect(count(html, "Alice Agent")).toBe(1);
      expect(count(html, "The Acme team")).toBe(1);
      expect(html).toContain("<strong>Alice Agent</strong>");
    } finally {
      await page.context().close();
    }
  });

  it("files sent with a note by one agent appear on another agent's open thread live, without a render", async () => {
    const admin = await app().seedAccount({ name: "Olivia Owner" });
    const alice = await app().seedUser(admin.accountId, { name: "Alice Agent" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const shared = await createApiInbox(app().db, owner, admin.accountId, { name: "Shared", memberIds: [alice.userId, bruno.userId] });
    const sam = await createContact(app().db, owner, admin.accountId, { name: "Sam Shared" });
    const conversation = await createConversation(app().db, owner, admin.accountId, { inboxId: shared.id, contactId: sam.id, message: { content: "A question", messageType: "incoming" } });
    const path = `/app/accounts/${admin.accountId}/conversations/${conversation.displayId}`;
    const a = await agentPage(app(), browser(), alice.email, alice.password, path);
    const b = await agentPage(app(), browser(), bruno.email, bruno.password, path);
    try {
      await b.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const renders = watchRenders(b);
      await a.getByRole("tab", { name: "Private note" }).click();
      await a.getByLabel("Attach files").setInputFiles([
        { name: "shot.png", mimeType: "image/png", buffer: PNG },
        { name: "report.txt", mimeType: "text/plain", buffer: Buffer.from("quarterly numbers") },
      ]);
      const attached = a.getByRole("list", { name: "Attached files" });
      await attached.getByRole("listitem", { name: "report.txt" }).getByText(/ready/).waitFor();
      await attached.getByRole("listitem", { name: "shot.png" }).getByText(/ready/).waitFor();
      await a.getByLabel("Message", { exact: true }).fill("Both files attached.");
      await a.getByRole("button", { name: "Send" }).click();

      const note = b.getByRole("region", { name: "Messages" }).getByRole("listitem").filter({ hasText: "Both files attached." });
      await note.getByRole("link", { name: "report.txt" }).waitFor({ timeout: 5_000 });
      await note.getByRole("img", { name: "shot.png" }).waitFor();
      const href = await note.getByRole("link", { name: "report.txt" }).getAttribute("href");
      expect(await (await b.request.get(`${app().url}${href}`)).text()).toBe("quarterly numbers");
      expect(renders.urls).toEqual([]);
    } finally {
      await a.context().close();
      await b.context().close();
    }
  });
});
