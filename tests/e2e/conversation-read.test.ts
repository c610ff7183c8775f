import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Reading a conversation is something the agent does, not something a GET does: fetching the page
 * (a prefetch, a crawler, a link preview) changes nothing; the screen marks it read once shown.
 */
const STEP_MS = 20_000;

describeE2E("marking a conversation read", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("a GET of the conversation page leaves it unread; showing it in the browser marks it read", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const contact = await createContact(app().db, actor, admin.accountId, { name: "Maria Garcia" });
    const conversation = await createConversation(app().db, actor, admin.accountId, {
      inboxId: inbox.id,
      contactId: contact.id,
      message: { content: "My order has not arrived yet", messageType: "incoming" },
    });
    const seenAt = async () => {
      const [row] = await app()
        .db.select({ at: conversations.agentLastSeenAt })
        .from(conversations)
        .where(and(eq(conversations.accountId, admin.accountId), eq(conversations.id, conversation.id)));
      return row.at;
    };
    // The list under "All" shows the (unassigned) conversation's unread mark beside the open thread.
    const url = `${app().url}/app/accounts/${admin.accountId}/conversations/${conversation.displayId}?assignee_type=all`;

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      // The signed-in session fetches the page's HTML without running it: nothing is marked read.
      const response = await context.request.get(url);
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain("My order has not arrived yet");
      expect(await seenAt()).toBeNull();

      await page.goto(url);
      await page.getByRole("region", { name: "Messages" }).getByText("My order has not arrived yet").waitFor();
      await page.getByRole("link", { name: /Maria Garcia/ }).filter({ hasNotText: "unread" }).waitFor();
      await expect.poll(seenAt, { timeout: STEP_MS }).not.toBeNull();
    } finally {
      await context.close();
    }
  });
});
