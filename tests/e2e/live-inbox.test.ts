import { randomBytes } from "node:crypto";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { postRelayMail } from "../support/relay";

/**
 * Live refresh in the production build with the embedded realtime server, two agents side by side:
 * A is in the "Mail" (email) and "Shared" inboxes, B only in "Shared". Mail is posted to the relay
 * ingress as Postfix would; nothing ever reloads a page (a marker set on `window` must survive).
 * Browsers reach the realtime server through a TCP proxy (PUSHER_WS_PORT) so a test can cut them off.
 */
const INGRESS_PASSWORD = `live-${randomBytes(6).toString("hex")}`;
const LIVE_MS = 2_000;
const STEP_MS = 20_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

async function seed(app: App) {
  const admin = await app.seedAccount({ name: "Olivia Owner" });
  const a = await app.seedUser(admin.accountId, { name: "Alice Agent" });
  const b = await app.seedUser(admin.accountId, { name: "Bruno Agent" });
  const owner = userActor(admin.userId);
  const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
  const mail = await createEmailInbox(app.db, owner, admin.accountId, { name: "Mail", memberIds: [a.userId], channel: { email: address, imapEnabled: false, smtpEnabled: false } });
  const shared = await createApiInbox(app.db, owner, admin.accountId, { name: "Shared", memberIds: [a.userId, b.userId] });
  const contact = await createContact(app.db, owner, admin.accountId, { name: "Sam Shared" });
  const conversation = await createConversation(app.db, owner, admin.accountId, {
    inboxId: shared.id,
    contactId: contact.id,
    message: { content: "A question for whoever is free", messageType: "incoming" },
  });
  return { admin, a, b, address, mail, shared, conversation };
}

function rawMail(to: string, from: string, subject: string, body: string, inReplyTo?: string) {
  const id = `<${randomBytes(8).toString("hex")}@customer.test>`;
  const headers = [`From: ${from}`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: ${id}`, `Date: ${new Date().toUTCString()}`];
  if (inReplyTo) headers.push(`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`);
  return { id, raw: [...headers, "", body, ""].join("\r\n") };
}

async function postMail(app: App, raw: string) {
  // Stored and queued: the import job makes it appear, which is what these tests wait for.
  expect(await postRelayMail(app.url, INGRESS_PASSWORD, raw)).toBe(202);
}

/** Opens a signed-in page whose connection to the realtime server is up, with a no-reload marker. */
async function agentPage(app: App, browser: ReturnType<ReturnType<typeof useBrowser>>, email: string, password: string, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  await authenticate(page.context(), app.url, email, password);
  await page.goto(`${app.url}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.live === "connected");
  // Connected is not yet subscribed: typing sent before the inbox channel is joined is lost.
  await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return page;
}
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
const sidebarCount = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: new RegExp(`^${name}\\b`) }).locator("span[title]").textContent();

describeE2E("live refresh", () => {
  // Filled in before the app server starts (hooks run in the order they are registered).
  const env: Record<string, string> = { INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN: "in.live.test", PUSHER_WS_HOST: "127.0.0.1" };
  let proxy: TcpProxy | undefined;
  beforeAll(async () => {
    proxy = await startTcpProxy(() => app().realtime?.server.port ?? 0);
    env.PUSHER_WS_PORT = String(proxy.port);
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const app = useAppServer({ realtime: true, env });
  const browser = useBrowser();

  it("shows new mail to the inbox's agent only, follows an assignment, keeps the draft while a reply arrives, counts unread/total", async () => {
    const s = await seed(app());
    const all = `/app/accounts/${s.admin.accountId}/conversations?assignee_type=all`;
    const pageA = await agentPage(app(), browser(), s.a.email, s.a.password, all);
    const pageB = await agentPage(app(), browser(), s.b.email, s.b.password, `/app/accounts/${s.admin.accountId}/conversations?assignee_type=unassigned`);
    try {
      expect(await sidebarCount(pageA, "Mail")).toBe("0/0");
      expect(await sidebarCount(pageA, "Shared")).toBe("1/1");

      // A mail to the Mail inbox: in A's list within 2 s, never in B's.
      const first = rawMail(s.address, "Carol Customer <carol@customer.test>", "Printer on fire", "Help, it is burning.");
      const posted = Date.now();
      await postMail(app(), first.raw);
      await pageA.getByRole("link", { name: /Carol Customer/ }).waitFor({ timeout: LIVE_MS });
      expect(Date.now() - posted).toBeLessThan(LIVE_MS + 500);
      await pageA.getByRole("link", { name: /^Mail\b/ }).filter({ hasText: "1/1" }).waitFor({ timeout: LIVE_MS });
      expect(await sidebarCount(pageA, "All")).toBe("2/2");
      await pageB.waitForTimeout(1000);
      expect(await pageB.getByText("Carol Customer").count()).toBe(0);
      expect(await pageB.getByText("Printer on fire").count()).toBe(0);

      // B takes the shared conversation: A's Unassigned count drops without a reload.
      expect(await sidebarCount(pageA, "Unassigned")).toBe("2/2");
      await pageB.getByRole("link", { name: /Sam Shared/ }).click();
      await pageB.getByLabel("Assignee").selectOption({ label: "Bruno Agent" });
      await pageA.getByRole("link", { name: /^Unassigned\b/ }).filter({ hasText: "1/1" }).waitFor({ timeout: LIVE_MS });

      // A opens the mail: its unread mark clears, the counts read 0/1 for Mail.
      await pageA.getByRole("link", { name: /Carol Customer/ }).click();
      await pageA.getByRole("region", { name: "Messages" }).getByText("Help, it is burning.").waitFor();
      await pageA.getByRole("link", { name: /^Mail\b/ }).filter({ hasText: "0/1" }).waitFor();

      // A types a long draft; the customer's reply arrives: it shows, the draft stays as typed.
      const draft = `Hello Carol,\n\n${"We are looking into the printer right now. ".repeat(20)}\nBest, Alice`;
      const box = pageA.getByLabel("Message", { exact: true });
      await box.click();
      await box.pressSequentially(draft.slice(0, 40));
      await box.fill(draft.slice(0, -10));
      // fill() leaves the editor's caret before its last paragraph: put it at the end, as typing would.
      await box.press("ControlOrMeta+End");
      const caret = () => box.evaluate(() => {
        const selection = window.getSelection();
        return selection ? `${selection.anchorNode?.textContent}@${selection.anchorOffset}` : "";
      });
      const caretBefore = await caret();
      await postMail(app(), rawMail(s.address, "Carol Customer <carol@customer.test>", "Re: Printer on fire", "Now the scanner too!", first.id).raw);
      await pageA.getByRole("region", { name: "Messages" }).getByText("Now the scanner too!").waitFor({ timeout: LIVE_MS });
      expect(await caret()).toBe(caretBefore);
      await box.pressSequentially(draft.slice(-10));
      // The editor shows paragraphs: compare the words.
      const words = (text: string) => text.replace(/\s+/g, " ").trim();
      expect(words(await box.innerText())).toBe(words(draft));
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await notReloaded(pageA)).toBe(true);
      expect(await notReloaded(pageB)).toBe(true);

      // The draft survives a reload (kept per conversation).
      await pageA.reload();
      await pageA.getByLabel("Message", { exact: true }).and(pageA.locator(`[contenteditable="true"]`)).waitFor();
      await pageA.waitForFunction((text) => document.querySelector<HTMLElement>("#composer-message")?.innerText.replace(/\s+/g, " ").trim() === text, words(draft));
    } finally {
      await pageA.context().close();
      await pageB.context().close();
    }
  });

  it("patches the list, the counts and the open thread from the events alone, with no server render", async () => {
    const s = await seed(app());
    const here = `/app/accounts/${s.admin.accountId}/conversations/${s.conversation.displayId}?assignee_type=all`;
    const pageA = await agentPage(app(), browser(), s.a.email, s.a.password, here);
    const pageB = await agentPage(app(), browser(), s.b.email, s.b.password, here);
    // A's server renders (RSC fetches; server actions are let through) are held: none may be needed.
    const held: Route[] = [];
    await pageA.route("**/*", (route) => (route.request().headers()["rsc"] === "1" && !route.request().headers()["next-action"] ? void held.push(route) : route.continue()));
    try {
      const box = pageA.getByLabel("Message", { exact: true });
      await box.fill("A draft that stays");
      expect(await sidebarCount(pageA, "Mail")).toBe("0/0");
      await postMail(app(), rawMail(s.address, "Erin Event <erin@customer.test>", "Only the event", "Shown before any refresh.").raw);
      await pageA.getByRole("link", { name: /Erin Event/ }).waitFor({ timeout: LIVE_MS });
      // The counts come from the counts route, not from a render of the screen.
      await pageA.getByRole("link", { name: /^Mail\b/ }).filter({ hasText: "1/1" }).waitFor({ timeout: LIVE_MS });
      // New first: the mail's row sits above the older shared conversation.
      const rows = pageA.getByRole("tabpanel", { name: "Conversations" }).getByRole("listitem");
      expect(await rows.first().textContent()).toContain("Erin Event");

      await pageB.getByLabel("Message", { exact: true }).fill("Bruno answers live");
      await pageB.getByRole("button", { name: "Send" }).click();
      const messages = pageA.getByRole("region", { name: "Messages" });
      await messages.getByText("Bruno answers live").waitFor({ timeout: LIVE_MS });
      expect(await box.innerText()).toBe("A draft that stays");
      await pageA.waitForTimeout(500);
      expect(held.map((r) => r.request().url())).toEqual([]);
      expect(await messages.getByText("Bruno answers live").count()).toBe(1);
      expect(await pageA.getByRole("link", { name: /Erin Event/ }).count()).toBe(1);
      expect(await notReloaded(pageA)).toBe(true);
    } finally {
      await pageA.unroute("**/*").catch(() => undefined);
      for (const route of held) await route.continue().catch(() => undefined);
      await pageA.context().close();
      await pageB.context().close();
    }
  });

  it("recovers from a dropped connection and shows what was missed while offline", async () => {
    const s = await seed(app());
    const pageA = await agentPage(app(), browser(), s.a.email, s.a.password, `/app/accounts/${s.admin.accountId}/conversations?assignee_type=all`);
    try {
      // Injected fault: every realtime connection is cut and refused; one mail arrives meanwhile.
      const link = proxy;
      if (!link) throw new Error("no proxy");
      expect(link.drop()).toBeGreaterThan(0);
      await pageA.waitForFunction(() => document.documentElement.dataset.live !== "connected");
      await postMail(app(), rawMail(s.address, "Dora Dropped <dora@customer.test>", "Missed while offline", "Did you get this?").raw);
      await pageA.waitForTimeout(500);
      expect(await pageA.getByRole("link", { name: /Dora Dropped/ }).count()).toBe(0);

      link.restore();
      await pageA.waitForFunction(() => document.documentElement.dataset.live === "connected", undefined, { timeout: 15_000 });
      await pageA.getByRole("link", { name: /Dora Dropped/ }).waitFor({ timeout: 5_000 });
      await pageA.getByRole("link", { name: /^Mail\b/ }).filter({ hasText: "1/1" }).waitFor({ timeout: LIVE_MS });
      expect(await pageA.getByRole("link", { name: /Dora Dropped/ }).count()).toBe(1);
      expect(await notReloaded(pageA)).toBe(true);
    } finally {
      await pageA.context().close();
    }
  });

  it("shows who is typing in a conversation, and a private note as such, until they send", async () => {
    const s = await seed(app());
    const here = `/app/accounts/${s.admin.accountId}/conversations/${s.conversation.displayId}?assignee_type=all`;
    const pageA = await agentPage(app(), browser(), s.a.email, s.a.password, here);
    const pageB = await agentPage(app(), browser(), s.b.email, s.b.password, here);
    try {
      const typingOnA = pageA.getByRole("status").filter({ hasText: "is typing" });
      expect(await typingOnA.count()).toBe(0);
      await pageB.getByLabel("Message", { exact: true }).pressSequentially("Let me look");
      await typingOnA.filter({ hasText: "Bruno Agent is typing…" }).waitFor({ timeout: LIVE_MS });
      expect(await typingOnA.textContent()).not.toContain("private note");
      // Nobody sees their own typing.
      expect(await pageB.getByRole("status").filter({ hasText: "is typing" }).count()).toBe(0);

      await pageB.getByRole("button", { name: "Send" }).click();
      await typingOnA.waitFor({ state: "hidden", timeout: LIVE_MS });
      expect(await pageA.getByRole("status").filter({ hasText: "is typing" }).count()).toBe(0);
      await pageA.getByRole("region", { name: "Messages" }).getByText("Let me look").waitFor({ timeout: LIVE_MS });
      // Emptying the composer after sending is not typing: the indicator stays away.
      await pageA.waitForTimeout(1_000);
      expect(await pageA.getByRole("status").filter({ hasText: "is typing" }).count()).toBe(0);

      await pageB.getByRole("tab", { name: "Private note" }).click();
      await pageB.getByLabel("Message", { exact: true }).pressSequentially("Internal");
      await typingOnA.filter({ hasText: "Bruno Agent is typing a private note…" }).waitFor({ timeout: LIVE_MS });
    } finally {
      await pageA.context().close();
      await pageB.context().close();
    }
  });
});
