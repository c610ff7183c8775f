import { and, eq, inArray } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Macros as agents use them: one made in Settings → Macros (a label, an assignee, a file and a
 * status), run from the open conversation with the m key while a teammate watches the same
 * conversation, then from the bulk bar on two selected rows.
 */
const STEP_MS = 20_000;
const LIVE_MS = 5_000;

describeE2E("macros: settings, the conversation's menu (m) and the bulk bar", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("made in settings, run with m from the conversation: the labels, assignee, status and file show, and a teammate sees them live; then run from the bulk bar on two rows", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, bruno.userId] });
    await createLabel(app().db, owner, admin.accountId, { title: "vip" });
    const start = async (name: string) => {
      const contact = await createContact(app().db, owner, admin.accountId, { name });
      return createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: `Hello from ${name}`, messageType: "incoming" } });
    };
    const carol = await start("Carol Customer");
    const base = `${app().url}/app/accounts/${admin.accountId}`;
    const contexts: BrowserContext[] = [];
    const pageOf = async (user: { email: string; password: string }, path: string): Promise<Page> => {
      const context = await browser().newContext();
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(context, app().url, user.email, user.password);
      await page.goto(`${base}${path}`);
      return page;
    };
    try {
      // Settings → Macros: four actions, one of them a file uploaded from the form.
      const page = await pageOf(admin, "/settings/macros");
      const form = page.getByRole("form", { name: "Add a macro" });
      await form.getByLabel("Macro name").fill("VIP triage");
      await form.getByLabel("Who can use it").selectOption("global");
      await form.getByLabel("Action 1", { exact: true }).selectOption("add_label");
      await form.getByLabel("Action 1 value").selectOption("vip");
      for (const [n, action] of [[2, "assign_agent"], [3, "send_attachment"], [4, "resolve_conversation"]] as const) {
        await form.getByRole("button", { name: "Add action" }).click();
        await form.getByLabel(`Action ${n}`, { exact: true }).selectOption(action);
      }
      await form.getByLabel("Action 2 value").selectOption({ label: "Bruno Agent" });
      await form.getByLabel("Action 3 value").setInputFiles({ name: "price-list.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 prices") });
      await form.getByTestId("macro-file").filter({ hasText: "price-list.pdf" }).waitFor();
      await form.getByRole("button", { name: "Add macro" }).click();
      const listed = page.getByRole("list", { name: "Macros" }).getByText("VIP triage");
      await listed.waitFor();

      // Bruno watches the conversation; Alice runs the macro on it with the m key.
      const watcher = await pageOf(bruno, `/conversations/${carol.displayId}?assignee_type=all`);
      await watcher.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      await page.goto(`${base}/conversations/${carol.displayId}?assignee_type=all`);
      await page.locator("header").getByLabel("Conversation status").getByText("Open").waitFor();
      await page.locator("body").press("m");
      await page.getByRole("menu", { name: "Macros" }).getByRole("menuitem", { name: "VIP triage" }).click();
      await page.getByRole("status").filter({ hasText: "VIP triage: 4 actions done" }).waitFor();
      for (const p of [page, watcher]) {
        const header = p.locator("header").filter({ has: p.getByLabel("Conversation status") });
        await header.getByLabel("Conversation status").getByText("Resolved").waitFor({ timeout: LIVE_MS });
        await header.getByText("vip", { exact: true }).first().waitFor({ timeout: LIVE_MS });
        expect(await header.getByLabel("Assignee").locator("option:checked").textContent()).toContain("Bruno Agent");
        await p.getByText("price-list.pdf").first().waitFor({ timeout: LIVE_MS });
      }

      // The bulk bar: two rows picked, the macro run on both; the teammate's list follows.
      const dave = await start("Dave Customer");
      const erin = await start("Erin Customer");
      await page.goto(`${base}/inbox/${inbox.id}?assignee_type=all`);
      await watcher.goto(`${base}/inbox/${inbox.id}?assignee_type=all`);
      await watcher.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      await page.getByLabel("Select Dave Customer").click();
      await page.getByLabel("Select Erin Customer").click();
      const bar = page.getByRole("region", { name: "Bulk actions" });
      await bar.getByTestId("selected-count").filter({ hasText: "2 selected" }).waitFor();
      // m, with the rows ticked, goes to the bar's macro picker (not the conversation's menu).
      await page.keyboard.press("m");
      await expect.poll(() => bar.getByLabel("Run macro").evaluate((el) => el === document.activeElement)).toBe(true);
      await bar.getByLabel("Run macro").selectOption({ label: "VIP triage" });
      await bar.getByTestId("macro-outcome").filter({ hasText: "VIP triage ran on 2 conversations" }).waitFor();
      // Resolved, they leave both agents' open lists.
      for (const p of [page, watcher]) {
        for (const name of ["Dave Customer", "Erin Customer"]) {
          await p.getByRole("tabpanel", { name: "Conversations" }).getByRole("link", { name: new RegExp(name) }).waitFor({ state: "detached", timeout: LIVE_MS });
        }
      }
      const done = await app().db.select().from(conversations).where(and(eq(conversations.accountId, admin.accountId), inArray(conversations.id, [dave.id, erin.id])));
      expect(done.map((c) => [c.status, c.assigneeId])).toEqual([["resolved", bruno.userId], ["resolved", bruno.userId]]);
      for (const c of [dave, erin]) expect(await getConversationLabels(app().db, owner, admin.accountId, c.displayId)).toEqual(["vip"]);
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  it("muted follows the contact's blocked flag: muted by the API, the header says so live; Unmute there unblocks and the API agrees", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, bruno.userId] });
    const contact = await createContact(app().db, owner, admin.accountId, { name: "Spammy Sender" });
    const c = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: "Buy now", messageType: "incoming" } });
    const api = (path: string, method = "GET") =>
      fetch(`${app().url}/api/v1/accounts/${admin.accountId}/conversations/${c.displayId}${path}`, { method, headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(context, app().url, bruno.email, bruno.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${c.displayId}?assignee_type=all`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const header = page.locator("header").filter({ has: page.getByLabel("Conversation status") });
      expect(await header.getByTestId("muted-indicator").count()).toBe(0);

      expect((await api("/mute", "POST")).status).toBe(200);
      await header.getByTestId("muted-indicator").waitFor({ timeout: LIVE_MS });
      await header.getByLabel("Conversation status").getByText("Resolved").waitFor({ timeout: LIVE_MS });
      expect(((await (await api("")).json()) as { muted: boolean }).muted).toBe(true);

      await header.getByRole("button", { name: "Unmute" }).click();
      await header.getByTestId("muted-indicator").waitFor({ state: "detached" });
      expect(((await (await api("")).json()) as { muted: boolean }).muted).toBe(false);
    } finally {
      await context.close();
    }
  });
});
