import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { encodeFilter } from "@/components/conversations/filter-url";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The Mine / Unassigned / All counts of a list under an advanced filter follow live events, as
 * they do under the plain list: after events they are read again for the filter's match (at most
 * once a second), with no server render of the page.
 */
const LIVE_MS = 5_000;

/** Counts the page's server renders: RSC fetches (refresh, navigation, prefetch); server actions are not renders. */
function watchRenders(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on("request", (request) => {
    const h = request.headers();
    if ((h["rsc"] === "1" || h["next-router-state-tree"] !== undefined) && h["next-action"] === undefined) seen.urls.push(request.url());
  });
  return seen;
}

const tab = (page: Page, name: string) => page.getByRole("tablist", { name: "Conversation tabs" }).getByRole("tab", { name: new RegExp(`^${name}`) });
const tabCount = (page: Page, name: string, value: number) => tab(page, name).filter({ hasText: new RegExp(`${value}$`) }).waitFor({ timeout: LIVE_MS });

describeE2E("live tab counts under an advanced filter", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("move when a conversation comes to match the filter and when it is assigned, with no server render", async () => {
    const admin = await app().seedAccount({ name: "Olivia Owner" });
    const a = await app().seedUser(admin.accountId, { name: "Alice Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Shared", memberIds: [a.userId] });
    const start = async (name: string) => {
      const contact = await createContact(app().db, owner, admin.accountId, { name });
      return createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: `${name} asks`, messageType: "incoming" } });
    };
    const urgent = await start("Uma Urgent");
    const later = await start("Lou Later");
    const api = async (path: string, body: unknown) => {
      const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}${path}`, {
        method: "POST",
        headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(200);
    };
    await api(`/conversations/${urgent.displayId}/toggle_priority`, { priority: "urgent" });

    const filter = encodeFilter([{ attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] }]);
    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(20_000);
    await authenticate(page.context(), app().url, a.email, a.password);
    await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all&filter=${encodeURIComponent(filter)}`);
    await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
    await tabCount(page, "All", 1);
    await tabCount(page, "Unassigned", 1);
    await tabCount(page, "Mine", 0);
    // The page's own prefetches after loading are not the events' doing.
    await page.waitForTimeout(1_000);
    const renders = watchRenders(page);

    // Lou's conversation comes to match the filter: All and Unassigned move.
    await api(`/conversations/${later.displayId}/toggle_priority`, { priority: "urgent" });
    await tabCount(page, "All", 2);
    await tabCount(page, "Unassigned", 2);
    // Assigned to the viewer: Mine moves, Unassigned goes back.
    await api(`/conversations/${later.displayId}/assignments`, { assignee_id: a.userId });
    await tabCount(page, "Mine", 1);
    await tabCount(page, "Unassigned", 1);
    await tabCount(page, "All", 2);
    expect(renders.urls, "server renders").toEqual([]);
  });
});
