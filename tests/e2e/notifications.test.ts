import type { Browser, Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The notification bell in the production build with the embedded realtime server: an
 * administrator assigns a conversation to Bruno in one browser; in Bruno's, the bell's count goes
 * up without a reload, the notification leads to the conversation, and the count goes down.
 */
const LIVE_MS = 3_000;
const STEP_MS = 20_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

async function seed(app: App) {
  const admin = await app.seedAccount({ name: "Olivia Owner" });
  const bruno = await app.seedUser(admin.accountId, { name: "Bruno Agent" });
  const owner = userActor(admin.userId);
  const inbox = await createApiInbox(app.db, owner, admin.accountId, { name: "Shared", memberIds: [bruno.userId] });
  const contact = await createContact(app.db, owner, admin.accountId, { name: "Sam Shared" });
  const conversation = await createConversation(app.db, owner, admin.accountId, {
    inboxId: inbox.id,
    contactId: contact.id,
    message: { content: "Can someone look at my invoice?", messageType: "incoming" },
  });
  return { admin, bruno, conversation };
}

async function userPage(app: App, browser: Browser, user: { email: string; password: string }, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  await authenticate(page.context(), app.url, user.email, user.password);
  await page.goto(`${app.url}${path}`);
  return page;
}

const bell = (page: Page) => page.getByRole("button", { name: /^Notifications/ });

describeE2E("notifications", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("an assignment rings the assignee's bell live; opening it leads to the conversation and reads it", async () => {
    const s = await seed(app());
    const base = `/app/accounts/${s.admin.accountId}`;
    const pageAdmin = await userPage(app(), browser(), s.admin, `${base}/conversations/${s.conversation.displayId}`);
    const pageB = await userPage(app(), browser(), s.bruno, `${base}/conversations`);
    try {
      await pageB.waitForFunction(() => document.documentElement.dataset.notifications === "subscribed");
      await pageB.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      expect(await bell(pageB).getAttribute("aria-label")).toBe("Notifications");

      await pageAdmin.getByLabel("Assignee").selectOption({ label: "Bruno Agent" });

      await pageB.getByRole("button", { name: "Notifications, 1 unread" }).waitFor({ timeout: LIVE_MS });
      expect(await pageB.getByTestId("notification-count").textContent()).toBe("1");
      expect(await pageB.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

      await bell(pageB).click();
      const panel = pageB.getByRole("dialog", { name: "Notifications" });
      const item = panel.getByRole("link", { name: new RegExp(`Olivia Owner assigned you conversation #${s.conversation.displayId}`) });
      expect(await item.getAttribute("data-unread")).toBe("true");
      await item.click();

      await pageB.waitForURL(`**${base}/conversations/${s.conversation.displayId}`);
      await pageB.getByRole("region", { name: "Messages" }).getByText("Can someone look at my invoice?").waitFor();
      await pageB.getByRole("button", { name: "Notifications", exact: true }).waitFor();
      expect(await pageB.getByTestId("notification-count").count()).toBe(0);

      // Read is stored: after a reload the bell is still quiet and the item shows as read.
      await pageB.reload();
      await bell(pageB).click();
      const reloaded = pageB.getByRole("dialog", { name: "Notifications" }).getByRole("link", { name: /assigned you conversation/ });
      expect(await reloaded.getAttribute("data-unread")).toBeNull();
      expect(await pageB.getByTestId("notification-count").count()).toBe(0);
    } finally {
      await pageAdmin.context().close();
      await pageB.context().close();
    }
  });
});
