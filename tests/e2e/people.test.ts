import type { Browser, Page } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * People, in the production build with the embedded realtime server: an @mention typed in the
 * composer rings the teammate's bell live and lists the conversation in their Mentions view; the
 * notification preferences page saves and governs what rings; two contacts are merged from the
 * contact page after a preview.
 */
const LIVE_MS = 5_000;
const STEP_MS = 20_000;

type App = ReturnType<ReturnType<typeof useAppServer>>;

async function seed(app: App) {
  const admin = await app.seedAccount({ name: "Olivia Owner" });
  const bruno = await app.seedUser(admin.accountId, { name: "Bruno Agent" });
  const owner = userActor(admin.userId);
  const inbox = await createApiInbox(app.db, owner, admin.accountId, { name: "Shared", memberIds: [bruno.userId, admin.userId] });
  const contact = await createContact(app.db, owner, admin.accountId, { name: "Sam Shared", email: `sam-${Date.now()}@customer.test` });
  const conversation = await createConversation(app.db, owner, admin.accountId, {
    inboxId: inbox.id,
    contactId: contact.id,
    message: { content: "Can someone look at my invoice?", messageType: "incoming" },
  });
  return { admin, bruno, inbox, contact, conversation };
}

async function userPage(app: App, browser: Browser, user: { email: string; password: string }, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  await authenticate(page.context(), app.url, user.email, user.password);
  await page.goto(`${app.url}${path}`);
  return page;
}

describeE2E("people: mentions, notification preferences, merge", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("an @mention picked in the composer rings the teammate's bell live and lists the conversation under their Mentions", async () => {
    const s = await seed(app());
    const base = `/app/accounts/${s.admin.accountId}`;
    const pageA = await userPage(app(), browser(), s.admin, `${base}/conversations/${s.conversation.displayId}`);
    const pageB = await userPage(app(), browser(), s.bruno, `${base}/conversations`);
    try {
      await pageB.waitForFunction(() => document.documentElement.dataset.notifications === "subscribed");
      const mentionsLink = pageB.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Mentions/ });
      expect((await mentionsLink.textContent())?.trim()).toBe("Mentions0");

      await pageA.getByRole("tab", { name: "Private note" }).click();
      await pageA.getByRole("textbox", { name: "Message" }).click();
      await pageA.keyboard.type("Could you check this @bru");
      const picker = pageA.getByRole("listbox", { name: "Mention an agent" });
      await picker.getByRole("option", { name: "@Bruno Agent" }).waitFor();
      await pageA.keyboard.press("Enter");
      await picker.waitFor({ state: "detached" });
      await pageA.keyboard.type("please");
      await pageA.keyboard.press("Control+Enter");
      // The note shows the mention as a chip.
      const chip = pageA.locator(`[data-message-type="private"] [data-mention-user="${s.bruno.userId}"]`);
      await chip.waitFor();
      // Plain notes show the name after an icon; formatted ones (the rich editor) may keep the "@".
      expect(await chip.textContent()).toMatch(/^@?Bruno Agent$/);

      await pageB.getByRole("button", { name: "Notifications, 1 unread" }).waitFor({ timeout: LIVE_MS });
      await pageB.waitForFunction(
        () => [...document.querySelectorAll("nav[aria-label=Main] a")].some((a) => a.textContent?.trim() === "Mentions1"),
        undefined,
        { timeout: LIVE_MS },
      );
      await mentionsLink.click();
      await pageB.waitForURL(/conversation_type=mention/);
      await pageB.getByRole("link", { name: /Sam Shared/ }).first().waitFor();
    } finally {
      await pageA.context().close();
      await pageB.context().close();
    }
  });

  it("the notification preferences page saves, and an assignment then waits for the email digest instead of ringing", async () => {
    const s = await seed(app());
    const base = `/app/accounts/${s.admin.accountId}`;
    const page = await userPage(app(), browser(), s.bruno, `${base}/profile/notifications`);
    try {
      const inApp = page.getByLabel("A conversation is assigned to you: in the app");
      const byEmail = page.getByLabel("A conversation is assigned to you: by email");
      expect(await inApp.isChecked()).toBe(true);
      expect(await byEmail.isChecked()).toBe(false);
      await inApp.uncheck();
      await byEmail.check();
      await page.getByRole("button", { name: "Save preferences" }).click();
      await page.getByText("Notification preferences saved.").waitFor();
      await page.reload();
      expect(await page.getByLabel("A conversation is assigned to you: in the app").isChecked()).toBe(false);
      expect(await page.getByLabel("A conversation is assigned to you: by email").isChecked()).toBe(true);

      await assignConversation(app().db, userActor(s.admin.userId), s.admin.accountId, s.conversation.displayId, { assigneeId: s.bruno.userId });
      const rows = await app()
        .db.select()
        .from(notifications)
        .where(and(eq(notifications.userId, s.bruno.userId), eq(notifications.notificationType, "conversation_assignment")));
      expect(rows).toHaveLength(1);
      expect(rows[0].emailPending).toBe(true);
      expect(rows[0].readAt).not.toBeNull();
      await page.goto(`${app().url}${base}/conversations`);
      await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it("merges a contact into another from the contact page, after a preview of what moves", async () => {
    const s = await seed(app());
    const owner = userActor(s.admin.userId);
    const duplicate = await createContact(app().db, owner, s.admin.accountId, { name: "Sam Duplicate", phoneNumber: "+15550100" });
    await createConversation(app().db, owner, s.admin.accountId, { inboxId: s.inbox.id, contactId: duplicate.id, message: { content: "Second address", messageType: "incoming" } });
    const base = `/app/accounts/${s.admin.accountId}`;
    const page = await userPage(app(), browser(), s.admin, `${base}/contacts/${duplicate.id}`);
    try {
      await page.getByLabel("Contact to merge into").fill("Sam Shared");
      await page.getByRole("listbox", { name: "Contact to merge into: results" }).getByRole("button", { name: /Sam Shared/ }).click();
      const preview = page.getByLabel("Merge preview");
      await preview.getByText("1 conversation move to Sam Shared").waitFor();
      await preview.getByText("Sam Shared takes this contact's phone number").waitFor();
      await page.getByRole("button", { name: "Merge contacts" }).click();
      await page.waitForURL(`**${base}/contacts/${s.contact.id}`);
      await page.getByRole("heading", { name: "Sam Shared" }).waitFor();
      expect(await page.getByText("2 you can see").count()).toBe(1);
    } finally {
      await page.context().close();
    }
  });
});
