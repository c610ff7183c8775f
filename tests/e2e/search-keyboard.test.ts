import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { createMessage } from "@/lib/messages/create-message";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Issue 10 items 4, 8 and 16 as an agent uses them: the subject and a note-free preview on the
 * rows, `/` to the search page with highlighted matches, Ctrl+K to the command bar, and the
 * conversation shortcuts (?, j/k, a, r, n, e).
 */
const STEP_MS = 20_000;

describeE2E("search, command bar and keyboard shortcuts", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("finds conversations from / and Ctrl+K, and works a conversation from the keyboard", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const db = app().db;
    const inbox = await createApiInbox(db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const carol = await createContact(db, actor, admin.accountId, { name: "Carol Customer", email: "carol@customer.test" });
    const printer = await createConversation(db, actor, admin.accountId, {
      inboxId: inbox.id,
      contactId: carol.id,
      additionalAttributes: { mail_subject: "Printer jams on page two" },
      message: { content: "The paper tray is stuck again", messageType: "incoming" },
    });
    const refund = await createConversation(db, actor, admin.accountId, {
      inboxId: inbox.id,
      contactId: carol.id,
      message: { content: "I would like a refund please", messageType: "incoming" },
    });
    await createMessage(db, actor, admin.accountId, refund.displayId, { content: "Secret: she is a VIP", private: true, messageType: "outgoing" });

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
      const list = page.getByRole("tabpanel", { name: "Conversations" });
      // Item 4: the subject on the row; the preview is the customer's message, not the newer note.
      await list.getByText("Printer jams on page two").waitFor();
      await list.getByText("I would like a refund please").waitFor();
      expect(await list.getByText("Secret: she is a VIP").count()).toBe(0);

      // "/" opens the search page with the box focused; the match is highlighted.
      await page.keyboard.press("/");
      await page.waitForURL(/\/search$/);
      const box = page.getByRole("searchbox", { name: "Search" });
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type("tray");
      await page.keyboard.press("Enter");
      const results = page.getByTestId("search-results");
      await results.locator("mark", { hasText: "tray" }).waitFor();
      await results.getByText("Printer jams on page two").waitFor();

      // Ctrl+K: the command bar finds the other conversation; Enter opens it.
      await page.keyboard.press("Control+k");
      const bar = page.getByRole("dialog");
      await bar.getByRole("combobox").fill("refund");
      await bar.getByRole("option", { name: new RegExp(`#${refund.displayId}`) }).waitFor();
      await page.keyboard.press("ArrowDown"); // past "Search everything for …"
      await page.keyboard.press("Enter");
      await page.waitForURL(new RegExp(`/conversations/${refund.displayId}$`));
      await page.getByRole("region", { name: "Messages" }).getByText("I would like a refund please").waitFor();

      // "?" lists the shortcuts; Escape closes it.
      await page.locator("body").click({ position: { x: 1, y: 1 } });
      await page.keyboard.press("?");
      const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await help.getByText("Assign to me").waitFor();
      await page.keyboard.press("Escape");
      await help.waitFor({ state: "hidden" });

      // "a" assigns to me, "r" opens the reply, "n" the note, "e" resolves.
      await page.keyboard.press("a");
      const assigneeOf = async () => (await db.select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, refund.id)))[0]?.a;
      await expect.poll(assigneeOf, { timeout: STEP_MS }).toBe(admin.userId);
      await page.keyboard.press("r");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("composer-message");
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("n");
      await page.getByRole("tab", { name: "Private note", selected: true }).waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("e");
      const statusOf = async () => (await db.select({ s: conversations.status }).from(conversations).where(eq(conversations.id, refund.id)))[0]?.s;
      await expect.poll(statusOf, { timeout: STEP_MS }).toBe("resolved");

      // j / k walk the list.
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
      await list.getByText("Printer jams on page two").waitFor();
      await page.keyboard.press("j");
      await page.waitForURL(new RegExp(`/conversations/${printer.displayId}\\?`));
    } finally {
      await context.close();
    }
  });
});
