import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Blocking a contact from the contact page mutes their conversations: a teammate with one of them
 * open sees "Muted" (and Unmute) appear in its header, and go when the contact is unblocked, from
 * the live event alone (no server render of their page).
 */
const STEP_MS = 20_000;
const LIVE_MS = 5_000;

/** The page's server renders: RSC fetches (refresh, navigation), not prefetches or server actions. */
function watchRenders(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on("request", (request) => {
    const h = request.headers();
    if ((h["rsc"] === "1" || h["next-router-state-tree"] !== undefined) && h["next-action"] === undefined && h["next-router-prefetch"] === undefined) seen.urls.push(request.url());
  });
  return seen;
}

describeE2E("contact block shown live in open conversation headers", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("blocked on the contact page: the teammate's open header shows Muted, then loses it on unblock, without a render", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, bruno.userId] });
    const contact = await createContact(app().db, owner, admin.accountId, { name: "Carol Customer" });
    const c = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: "Hello", messageType: "incoming" } });
    const base = `${app().url}/app/accounts/${admin.accountId}`;
    const aliceContext = await browser().newContext();
    const brunoContext = await browser().newContext();
    try {
      await authenticate(brunoContext, app().url, bruno.email, bruno.password);
      const watcher = await brunoContext.newPage();
      watcher.setDefaultTimeout(STEP_MS);
      await watcher.goto(`${base}/conversations/${c.displayId}?assignee_type=all`);
      await watcher.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const header = watcher.locator("header").filter({ has: watcher.getByLabel("Conversation status") });
      await header.getByLabel("Conversation status").waitFor();
      expect(await header.getByTestId("muted-indicator").count()).toBe(0);
      const renders = watchRenders(watcher);

      await authenticate(aliceContext, app().url, admin.email, admin.password);
      const page = await aliceContext.newPage();
      page.setDefaultTimeout(STEP_MS);
      await page.goto(`${base}/contacts/${contact.id}`);
      await page.getByRole("button", { name: "Block contact" }).waitFor();
      // From here on: the page's load (its mark-read) is over; only the block could render it.
      renders.urls.length = 0;
      await page.getByRole("button", { name: "Block contact" }).click();
      await page.getByRole("button", { name: "Unblock contact" }).waitFor();

      await header.getByTestId("muted-indicator").waitFor({ timeout: LIVE_MS });
      await header.getByRole("button", { name: "Unmute" }).waitFor();

      await page.getByRole("button", { name: "Unblock contact" }).click();
      await page.getByRole("button", { name: "Block contact" }).waitFor();
      await header.getByTestId("muted-indicator").waitFor({ state: "detached", timeout: LIVE_MS });
      expect(renders.urls).toEqual([]);
    } finally {
      await aliceContext.close();
      await brunoContext.close();
    }
  });
});
