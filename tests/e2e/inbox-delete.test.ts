import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { conversations, inboxes } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";

/** An administrator deletes an inbox from its settings page, through the typed-name confirmation. */
const STEP_MS = 20_000;

describeE2E("deleting an inbox", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("asks for the inbox's name, says how many conversations go, and then the inbox and its conversations are gone", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const returns = await createApiInbox(app().db, actor, admin.accountId, { name: "Returns desk", memberIds: [admin.userId] });
    const support = await createApiInbox(app().db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const maria = await createContact(app().db, actor, admin.accountId, { name: "Maria Garcia", email: "maria@example.com" });
    const victor = await createContact(app().db, actor, admin.accountId, { name: "Victor Stays" });
    for (const content of ["Where do I send the parcel back?", "Refund still missing"]) {
      await createConversation(app().db, actor, admin.accountId, { inboxId: returns.id, contactId: maria.id, message: { content, messageType: "incoming" } });
    }
    await createConversation(app().db, actor, admin.accountId, { inboxId: support.id, contactId: victor.id, message: { content: "Hello", messageType: "incoming" } });

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, admin.email, admin.password);
      const sidebar = page.getByRole("navigation", { name: "Main" });
      await sidebar.getByRole("link", { name: /Returns desk/ }).waitFor();

      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/${returns.id}`);
      await page.getByRole("button", { name: "Delete inbox…" }).click();
      const confirm = page.getByRole("form", { name: "Confirm deleting the inbox" });
      expect(await confirm.textContent()).toContain("Returns desk and its 2 conversations");
      const submit = confirm.getByRole("button", { name: "Delete this inbox" });
      const nameField = confirm.getByLabel(/Type the inbox name/);
      await nameField.fill("Returns");
      expect(await submit.isDisabled()).toBe(true);
      await nameField.fill("Returns desk");
      expect(await submit.isDisabled()).toBe(false);
      await submit.click();

      // Lands on the inboxes list, which no longer has it; nor has the sidebar.
      await page.waitForURL((url) => url.pathname === `/app/accounts/${admin.accountId}/settings/inboxes`);
      const settingsLink = (id: number) => page.locator(`a[href$="/settings/inboxes/${id}"]`);
      await settingsLink(support.id).waitFor();
      await settingsLink(returns.id).waitFor({ state: "detached" });
      await sidebar.getByRole("link", { name: /Returns desk/ }).waitFor({ state: "detached" });
      await sidebar.getByRole("link", { name: /Support/ }).waitFor();

      // The conversation list shows only the other inbox's conversation.
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations`);
      await page.getByRole("tab", { name: /^All/ }).click();
      await page.getByRole("link", { name: /Victor Stays/ }).waitFor();
      expect(await page.getByRole("link", { name: /Maria Garcia/ }).count()).toBe(0);

      expect(await app().db.select().from(inboxes).where(eq(inboxes.id, returns.id))).toEqual([]);
      expect(await app().db.select().from(conversations).where(and(eq(conversations.accountId, admin.accountId), eq(conversations.inboxId, returns.id)))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
