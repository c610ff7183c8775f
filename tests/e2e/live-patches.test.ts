import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { postRelayMail } from "../support/relay";

/**
 * Every kind of live event patches the screens of the agents watching — rows, thread, header,
 * sidebar and tab counts, bell — with no server render of their page: the browser sends no RSC
 * request (router refresh, navigation) for the event. The events come from the API and the mail
 * ingress, so neither watched page acts itself. A is in "Mail" (email) and "Shared", B only in "Shared".
 */
const INGRESS_PASSWORD = `patch-${randomBytes(6).toString("hex")}`;
const LIVE_MS = 3_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

/** Counts the page's server renders: RSC fetches (refresh, navigation, prefetch); server actions are not renders. */
function watchRenders(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on("request", (request) => {
    const h = request.headers();
    if ((h["rsc"] === "1" || h["next-router-state-tree"] !== undefined) && h["next-action"] === undefined) seen.urls.push(request.url());
  });
  return seen;
}

async function agentPage(app: App, browser: ReturnType<ReturnType<typeof useBrowser>>, email: string, password: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(20_000);
  await authenticate(page.context(), app.url, email, password);
  await page.goto(`${app.url}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
  return page;
}

const sidebarLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: new RegExp(`^${name}\\b`) });
const sidebarCount = (page: Page, name: string) => sidebarLink(page, name).locator("span[title]").textContent();
const waitCount = (page: Page, name: string, value: string) => sidebarLink(page, name).filter({ hasText: value }).waitFor({ timeout: LIVE_MS });
const tab = (page: Page, name: string) => page.getByRole("tablist", { name: "Conversation tabs" }).getByRole("tab", { name: new RegExp(`^${name}`) });
const rows = (page: Page) => page.getByRole("tabpanel", { name: "Conversations" });

describeE2E("live events patch, never re-render", () => {
  const app = useAppServer({ realtime: true, env: { INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN: "in.patch.test" } });
  const browser = useBrowser();

  it("applies new conversation, new message (a long email), assignment, read and status from the events, with no server render, and the counts end right", async () => {
    const admin = await app().seedAccount({ name: "Olivia Owner" });
    const a = await app().seedUser(admin.accountId, { name: "Alice Agent" });
    const b = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const address = `support-${randomBytes(3).toString("hex")}@acme.test`;
    const mail = await createEmailInbox(app().db, owner, admin.accountId, { name: "Mail", memberIds: [a.userId], channel: { email: address, imapEnabled: false, smtpEnabled: false } });
    const shared = await createApiInbox(app().db, owner, admin.accountId, { name: "Shared", memberIds: [a.userId, b.userId] });
    const sam = await createContact(app().db, owner, admin.accountId, { name: "Sam Shared" });
    const nina = await createContact(app().db, owner, admin.accountId, { name: "Nina New" });
    await createConversation(app().db, owner, admin.accountId, { inboxId: shared.id, contactId: sam.id, message: { content: "A question", messageType: "incoming" } });
    const firstId = `<${randomBytes(8).toString("hex")}@customer.test>`;
    const mailHead = (subject: string, extra: string[] = []) =>
      [`From: Carol Customer <carol@customer.test>`, `To: ${address}`, `Subject: ${subject}`, `Date: ${new Date().toUTCString()}`, ...extra].join("\r\n");
    expect(await postRelayMail(app().url, INGRESS_PASSWORD, `${mailHead("Printer on fire", [`Message-ID: ${firstId}`])}\r\n\r\nHelp, it is burning.\r\n`)).toBe(202);
    let mailDisplayId = 0;
    await expect
      .poll(async () => {
        const [row] = await app().db.select({ displayId: conversations.displayId }).from(conversations).where(and(eq(conversations.accountId, admin.accountId), eq(conversations.inboxId, mail.id)));
        mailDisplayId = row?.displayId ?? 0;
        return mailDisplayId;
      }, { timeout: 15_000 })
      .toBeGreaterThan(0);

    const api = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}${path}`, {
        method,
        headers: { api_access_token: token, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status, `${method} ${path}`).toBe(200);
      const text = await response.text();
      return (text ? JSON.parse(text) : {}) as { id?: number };
    };

    // A reads the mail conversation (opening marks it read); B watches the All list.
    const pageA = await agentPage(app(), browser(), a.email, a.password, `/app/accounts/${admin.accountId}/conversations/${mailDisplayId}?assignee_type=all`);
    const pageB = await agentPage(app(), browser(), b.email, b.password, `/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
    try {
      await waitCount(pageA, "Mail", "0/1");
      expect(await sidebarCount(pageA, "Shared")).toBe("1/1");
      expect(await sidebarCount(pageB, "All")).toBe("1/1");
      expect(await sidebarCount(pageB, "Mine")).toBe("0/0");
      await pageA.waitForTimeout(1_000);
      const rendersA = watchRenders(pageA);
      const rendersB = watchRenders(pageB);
      const noRenders = () => {
        expect(rendersA.urls, "A's server renders").toEqual([]);
        expect(rendersB.urls, "B's server renders").toEqual([]);
      };

      // 1. New conversation (API): a row on both lists, counts and tab counts move.
      const created = await api("POST", "/conversations", admin.apiAccessToken, { inbox_id: shared.id, contact_id: nina.id, message: { content: "Nina asks", message_type: "incoming" } });
      await rows(pageA).getByRole("link", { name: /Nina New/ }).waitFor({ timeout: LIVE_MS });
      await rows(pageB).getByRole("link", { name: /Nina New/ }).waitFor({ timeout: LIVE_MS });
      await waitCount(pageA, "Shared", "2/2");
      await waitCount(pageB, "All", "2/2");
      await tab(pageB, "All").filter({ hasText: "2" }).waitFor({ timeout: LIVE_MS });
      await tab(pageB, "Unassigned").filter({ hasText: "2" }).waitFor({ timeout: LIVE_MS });
      noRenders();
      // Chatwoot's conversation `id` is the display id.
      const ninaDisplayId = created.id ?? 0;
      expect(ninaDisplayId).toBeGreaterThan(0);

      // 2. New message: a long reply email (its event is partial) shows in A's open thread with its headers.
      const longBody = `Now the scanner too! ${"More detail about the scanner. ".repeat(400)}`;
      expect(await postRelayMail(app().url, INGRESS_PASSWORD, `${mailHead("Re: Printer on fire", [`Message-ID: <${randomBytes(8).toString("hex")}@customer.test>`, `In-Reply-To: ${firstId}`])}\r\n\r\n${longBody}\r\n`)).toBe(202);
      const thread = pageA.getByRole("region", { name: "Messages" });
      await thread.getByText("Re: Printer on fire").waitFor({ timeout: LIVE_MS + 5_000 });
      await thread.locator("[data-email-message]").nth(1).waitFor({ timeout: LIVE_MS });
      // Shown while open, so A reads it again: Mail stays 0/1.
      await waitCount(pageA, "Mail", "0/1");
      // A message in Shared (API, outgoing): the row's preview on B's list.
      await api("POST", `/conversations/${ninaDisplayId}/messages`, admin.apiAccessToken, { content: "We are on it, Nina", message_type: "outgoing" });
      await rows(pageB).getByText("We are on it, Nina").waitFor({ timeout: LIVE_MS });
      noRenders();

      // 3. Assignment: Nina's conversation to B (B's Mine and bell), the mail one to A (A's header).
      await api("POST", `/conversations/${ninaDisplayId}/assignments`, admin.apiAccessToken, { assignee_id: b.userId });
      await waitCount(pageB, "Mine", "1/1");
      await waitCount(pageA, "Unassigned", "1/2");
      await tab(pageB, "Mine").filter({ hasText: "1" }).waitFor({ timeout: LIVE_MS });
      await pageB.getByTestId("notification-count").filter({ hasText: "1" }).waitFor({ timeout: LIVE_MS });
      await api("POST", `/conversations/${mailDisplayId}/assignments`, admin.apiAccessToken, { assignee_id: a.userId });
      await pageA.waitForFunction((id) => (document.querySelector("#assignee") as HTMLSelectElement | null)?.value === String(id), a.userId, { timeout: LIVE_MS });
      await waitCount(pageA, "Mine", "0/1");
      noRenders();

      // 4. Read: B reads Nina's conversation (API): A's row loses its unread mark, A's counts follow.
      expect(await rows(pageA).getByRole("link", { name: /Nina New/ }).getByText("unread").count()).toBe(1);
      await api("POST", `/conversations/${ninaDisplayId}/update_last_seen`, b.apiAccessToken);
      await waitCount(pageA, "Shared", "1/2");
      await rows(pageA).getByRole("link", { name: /Nina New/ }).getByText("unread").waitFor({ state: "detached", timeout: LIVE_MS });
      await waitCount(pageB, "Mine", "0/1");
      noRenders();

      // 5. Status: the mail conversation pending (A's header, A's open list drops it), Nina's resolved.
      await api("POST", `/conversations/${mailDisplayId}/toggle_status`, admin.apiAccessToken, { status: "pending" });
      await pageA.getByLabel("Conversation status").getByText("Pending").waitFor({ timeout: LIVE_MS });
      await waitCount(pageA, "Mail", "0/0");
      await api("POST", `/conversations/${ninaDisplayId}/toggle_status`, admin.apiAccessToken, { status: "resolved" });
      await rows(pageB).getByRole("link", { name: /Nina New/ }).waitFor({ state: "detached", timeout: LIVE_MS });
      await waitCount(pageB, "All", "1/1");
      await waitCount(pageB, "Mine", "0/0");
      await tab(pageB, "All").filter({ hasText: "1" }).waitFor({ timeout: LIVE_MS });
      await waitCount(pageA, "All", "1/1");
      noRenders();

      // What the patches show is what a fresh render shows.
      const patched = { a: await sidebarLink(pageA, "All").textContent(), b: await pageB.getByRole("navigation", { name: "Main" }).textContent() };
      await pageA.reload();
      await pageB.reload();
      expect(await sidebarLink(pageA, "All").textContent()).toBe(patched.a);
      expect(await pageB.getByRole("navigation", { name: "Main" }).textContent()).toBe(patched.b);
    } finally {
      await pageA.context().close();
      await pageB.context().close();
    }
  });
});
