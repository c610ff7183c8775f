import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Live updates for an agent whose custom role shows only their own conversations (and those they
 * follow): with their list open, a conversation an administrator assigns to them appears without
 * a reload, one taken from them disappears, and a teammate's conversation never shows — the
 * changes come from the API, so the agent's page does nothing itself.
 */
const LIVE_MS = 3_000;
const STEP_MS = 20_000;

/**
 * Counts the server renders of the conversation list (RSC fetches of it: a refresh); server
 * actions are not renders, and the sidebar's links prefetching other pages are not this page's.
 */
function watchRenders(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on("request", (request) => {
    const h = request.headers();
    const rsc = (h["rsc"] === "1" || h["next-router-state-tree"] !== undefined) && h["next-action"] === undefined;
    if (rsc && new URL(request.url()).pathname.endsWith("/conversations")) seen.urls.push(request.url());
  });
  return seen;
}
const mineCount = (page: Page, value: string) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Mine\b/ }).filter({ hasText: value }).waitFor({ timeout: LIVE_MS });

describeE2E("live updates for a narrowed custom role", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("shows a new assignment live in the narrowed agent's list, removes one taken away, never shows a teammate's", async () => {
    const admin = await app().seedAccount({ name: "Olivia Owner" });
    const rita = await app().seedUser(admin.accountId, { name: "Rita Role" });
    const bob = await app().seedUser(admin.accountId, { name: "Bob Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, rita.userId, bob.userId] });
    const role = await createCustomRole(app().db, owner, admin.accountId, { name: "Own only", permissions: ["conversation_participating_manage"] });
    await updateAgent(app().db, owner, admin.accountId, rita.userId, { customRoleId: role.id });
    const open = async (name: string, assigneeId: number) => {
      const contact = await createContact(app().db, owner, admin.accountId, { name });
      return createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, assigneeId, message: { content: `From ${name}`, messageType: "incoming" } });
    };
    const kept = await open("Carol Ritas", rita.userId);
    const moving = await open("Dan Bobs", bob.userId);
    const teammates = await open("Erin Bobs", bob.userId);

    const api = async (path: string, body: unknown) => {
      const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}${path}`, {
        method: "POST",
        headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(200);
    };

    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, rita.email, rita.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const rows = page.getByRole("tabpanel", { name: "Conversations" });
      await rows.getByRole("link", { name: /Carol Ritas/ }).waitFor();
      expect(await rows.getByRole("link", { name: /Dan Bobs|Erin Bobs/ }).count()).toBe(0);
      const renders = watchRenders(page);

      // Assigned to Rita: the row appears, from the event alone.
      await api(`/conversations/${moving.displayId}/assignments`, { assignee_id: rita.userId });
      await rows.getByRole("link", { name: /Dan Bobs/ }).waitFor({ timeout: LIVE_MS });
      // Her own counts, read for her: two conversations, both unread.
      await mineCount(page, "2/2");

      // A teammate's conversation moves (a reply): nothing of it reaches Rita's screen.
      await api(`/conversations/${teammates.displayId}/messages`, { content: "Only for Bob's eyes", message_type: "outgoing" });
      // Taken from Rita: the row goes.
      await api(`/conversations/${kept.displayId}/assignments`, { assignee_id: bob.userId });
      await rows.getByRole("link", { name: /Carol Ritas/ }).waitFor({ state: "detached", timeout: LIVE_MS });
      await mineCount(page, "1/1");
      expect(await rows.getByRole("link", { name: /Erin Bobs/ }).count()).toBe(0);
      expect(await page.getByText("Only for Bob's eyes").count()).toBe(0);
      expect(renders.urls, "server renders of Rita's page").toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("re-renders a narrowed agent's open conversation to \"not found\" when it is taken from them", async () => {
    const admin = await app().seedAccount({ name: "Olivia Owner" });
    const rita = await app().seedUser(admin.accountId, { name: "Rita Role" });
    const bob = await app().seedUser(admin.accountId, { name: "Bob Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, rita.userId, bob.userId] });
    const role = await createCustomRole(app().db, owner, admin.accountId, { name: "Own only", permissions: ["conversation_participating_manage"] });
    await updateAgent(app().db, owner, admin.accountId, rita.userId, { customRoleId: role.id });
    const contact = await createContact(app().db, owner, admin.accountId, { name: "Carol Ritas" });
    const c = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, assigneeId: rita.userId, message: { content: "Hello Rita", messageType: "incoming" } });
    // Already read: opening it sends no read, whose answer would re-render the page anyway.
    await markConversationRead(app().db, userActor(rita.userId), admin.accountId, c.displayId);

    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, rita.email, rita.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${c.displayId}`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      await page.getByRole("region", { name: "Messages" }).getByText("Hello Rita").waitFor();
      const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}/conversations/${c.displayId}/assignments`, {
        method: "POST",
        headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
        body: JSON.stringify({ assignee_id: bob.userId }),
      });
      expect(response.status).toBe(200);
      await page.getByRole("heading", { name: "Page not found" }).waitFor({ timeout: LIVE_MS });
      expect(await page.getByText("Hello Rita").count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});
