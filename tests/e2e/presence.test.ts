import type { Browser, Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Agent presence in the production build with the embedded realtime server: Alice sets Busy from
 * her avatar menu; Bruno, looking at the conversation assigned to Alice, sees her status dot turn
 * busy without a reload, and a reload keeps it.
 */
const LIVE_MS = 3_000;
const STEP_MS = 20_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

async function seed(app: App) {
  const admin = await app.seedAccount({ name: "Olivia Owner" });
  const alice = await app.seedUser(admin.accountId, { name: "Alice Agent" });
  const bruno = await app.seedUser(admin.accountId, { name: "Bruno Agent" });
  const owner = userActor(admin.userId);
  const inbox = await createApiInbox(app.db, owner, admin.accountId, { name: "Shared", memberIds: [alice.userId, bruno.userId] });
  const contact = await createContact(app.db, owner, admin.accountId, { name: "Sam Shared" });
  const conversation = await createConversation(app.db, owner, admin.accountId, {
    inboxId: inbox.id,
    contactId: contact.id,
    assigneeId: alice.userId,
    message: { content: "Who is looking after this?", messageType: "incoming" },
  });
  return { admin, alice, bruno, conversation };
}

/** A signed-in page whose live connection and presence channel are up, with a no-reload marker. */
async function agentPage(app: App, browser: Browser, user: { email: string; password: string }, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  await authenticate(page.context(), app.url, user.email, user.password);
  await page.goto(`${app.url}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.live === "connected" && document.documentElement.dataset.presence === "subscribed");
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return page;
}
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

describeE2E("agent presence", () => {
  const app = useAppServer({ realtime: true, env: { PUSHER_WS_HOST: "127.0.0.1" } });
  const browser = useBrowser();

  it("shows an agent's Busy on a teammate's open conversation without a reload, and after one", async () => {
    const s = await seed(app());
    const base = `/app/accounts/${s.admin.accountId}`;
    const pageA = await agentPage(app(), browser(), s.alice, `${base}/conversations`);
    const pageB = await agentPage(app(), browser(), s.bruno, `${base}/conversations/${s.conversation.displayId}`);
    try {
      const header = pageB.getByRole("region", { name: "Sam Shared", exact: true });
      // Alice has the app open, so Bruno sees her online (her first heartbeat may land after his page: then live).
      await header.getByRole("img", { name: "Alice Agent — online" }).waitFor({ timeout: LIVE_MS * 2 });

      // Alice: avatar menu → Busy. Her own dot changes at once.
      await pageA.locator("summary").filter({ hasText: "User menu" }).click();
      const menu = pageA.getByRole("group", { name: "Availability" });
      await menu.getByRole("button", { name: "Busy" }).click();
      await pageA.locator("summary").getByRole("img", { name: "Alice Agent — busy" }).waitFor({ timeout: LIVE_MS });
      expect(await menu.getByRole("button", { name: "Busy" }).getAttribute("aria-pressed")).toBe("true");
      const changed = Date.now();

      // Bruno: the assignee's dot turns busy within a few seconds, same page, no reload.
      await header.getByRole("img", { name: "Alice Agent — busy" }).waitFor({ timeout: LIVE_MS });
      expect(Date.now() - changed).toBeLessThan(LIVE_MS + 500);
      expect(await header.getByRole("img", { name: "Alice Agent — online" }).count()).toBe(0);
      expect(await notReloaded(pageB)).toBe(true);

      // What the server renders agrees after a reload.
      await pageB.reload();
      await header.getByRole("img", { name: "Alice Agent — busy" }).waitFor();

      // And back: Online from the menu reaches Bruno's reloaded page live too.
      await pageB.waitForFunction(() => document.documentElement.dataset.presence === "subscribed");
      await menu.getByRole("button", { name: "Online" }).click();
      await header.getByRole("img", { name: "Alice Agent — online" }).waitFor({ timeout: LIVE_MS });
      // Alice's own dot in her menu follows as well.
      await pageA.locator("summary").getByRole("img", { name: "Alice Agent — online" }).waitFor({ timeout: LIVE_MS });
    } finally {
      await pageA.context().close();
      await pageB.context().close();
    }
  });
});
