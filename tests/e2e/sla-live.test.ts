import { and, eq, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { createMessage } from "@/lib/messages/create-message";
import { applySlaPolicy } from "@/lib/sla/apply";
import { createSlaPolicy } from "@/lib/sla/policies";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * SLA changes reach an open list as live patches, with no server render of the page: a breach
 * moves the conversation into the "SLA breached" filtered list, and a customer's message that
 * starts a next-response target shows its countdown in the row and the header with the message.
 */
const LIVE_MS = 5_000;

/** Counts the page's server renders: RSC fetches (refresh, navigation); link prefetches and server actions are not renders of this page. */
function watchRenders(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on("request", (request) => {
    const h = request.headers();
    if ((h["rsc"] === "1" || h["next-router-state-tree"] !== undefined) && h["next-action"] === undefined && h["next-router-prefetch"] === undefined) seen.urls.push(request.url());
  });
  return seen;
}

describeE2E("SLA live on the conversation list", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("a breach moves the row into the 'SLA breached' list; a customer's message shows the NRT countdown at once; no server render", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const policy = await createSlaPolicy(app().db, owner, admin.accountId, { name: "Hour", first_response_time_threshold: 3600, next_response_time_threshold: 600 });
    const open = async (name: string) => {
      const contact = await createContact(app().db, owner, admin.accountId, { name });
      return createConversation(app().db, systemActor("test"), admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: `Hello from ${name}`, messageType: "incoming" } });
    };
    const late = await open("Lena Late");
    // Lena wrote two hours ago: an hour's first response is missed as soon as the policy applies.
    await app().db.update(conversations).set({ createdAt: sql`now() - interval '2 hours'` }).where(and(eq(conversations.accountId, admin.accountId), eq(conversations.id, late.id)));
    const waiting = await open("Wes Waiting");
    await applySlaPolicy(app().db, owner, admin.accountId, waiting.displayId, { slaPolicyId: policy.id });
    await createMessage(app().db, owner, admin.accountId, waiting.displayId, { content: "On it" });

    const base = `${app().url}/app/accounts/${admin.accountId}`;
    // The changes go through the app's API: its process publishes the live events (this one has no Pusher).
    const api = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}${path}`, {
        method,
        headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, `${method} ${path}`).toBe(200);
    };
    const context = await browser().newContext();
    await authenticate(context, app().url, admin.email, admin.password);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      const filter = encodeURIComponent(JSON.stringify([["sla_breached", "equal_to", ["true"]]]));
      await page.goto(`${base}/conversations?assignee_type=all&filter=${filter}`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const list = page.getByRole("tabpanel", { name: "Conversations" });
      const renders = watchRenders(page);
      expect(await list.locator(`li[data-display-id="${late.displayId}"]`).count()).toBe(0);

      await api("PATCH", `/conversations/${late.displayId}`, { sla_policy_id: policy.id });
      const lateRow = list.locator(`li[data-display-id="${late.displayId}"]`);
      await lateRow.waitFor({ timeout: LIVE_MS });
      expect(await lateRow.getByTestId("sla-badge").textContent()).toMatch(/^FRT breached/);
      expect(await list.locator(`li[data-display-id="${waiting.displayId}"]`).count()).toBe(0);
      expect(renders.urls).toEqual([]);

      // The conversation Wes waits on: answered, so no next-response countdown until he writes again.
      await page.goto(`${base}/conversations/${waiting.displayId}?assignee_type=all`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const row = page.getByRole("tabpanel", { name: "Conversations" }).locator(`li[data-display-id="${waiting.displayId}"]`);
      await row.waitFor();
      expect(await row.getByTestId("sla-badge").filter({ hasText: /^NRT/ }).count()).toBe(0);
      // The page load's own work (marking the conversation read, and the refresh that follows a read
      // answered before the channels were joined) is done before we count what the message causes.
      await page.waitForLoadState("networkidle");
      renders.urls.length = 0;

      await api("POST", `/conversations/${waiting.displayId}/messages`, { content: "Any news?", message_type: "incoming" });
      await row.getByTestId("sla-badge").filter({ hasText: /^NRT (9|10)m$/ }).waitFor({ timeout: LIVE_MS });
      await page.locator("header").getByTestId("sla-badge").filter({ hasText: /^NRT (9|10)m$/ }).waitFor({ timeout: LIVE_MS });
      expect(renders.urls).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
