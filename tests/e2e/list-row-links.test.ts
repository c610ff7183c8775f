import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The list's rows are plain links whose clicks the list handles in one place (no `next/link` per
 * row): a plain click opens the conversation in the page without reloading it and marks it read;
 * a click with a modifier key is the browser's (here Ctrl: a new tab) and leaves the page where it is.
 */
const STEP_MS = 20_000;

describeE2E("opening a conversation from its row", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("opens in the page on a plain click (marking it read), in a new tab with Ctrl", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const open = async (name: string, content: string) => {
      const contact = await createContact(app().db, actor, admin.accountId, { name });
      return createConversation(app().db, actor, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content, messageType: "incoming" } });
    };
    const maria = await open("Maria Garcia", "My order has not arrived yet");
    const jon = await open("Jon Smith", "The invoice is wrong");
    const seenAt = async (id: number) => {
      const [row] = await app()
        .db.select({ at: conversations.agentLastSeenAt })
        .from(conversations)
        .where(and(eq(conversations.accountId, admin.accountId), eq(conversations.id, id)));
      return row.at;
    };
    const listUrl = `${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`;

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(context, app().url, admin.email, admin.password);
      await page.goto(listUrl);
      const rows = page.getByRole("tabpanel", { name: "Conversations" });
      await rows.getByRole("link", { name: /Jon Smith/ }).waitFor();
      // Marks this document: a full page load would lose it.
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

      // Ctrl+click: a new tab shows Jon's conversation; this page stays on the list.
      const [tab] = await Promise.all([context.waitForEvent("page"), rows.getByRole("link", { name: /Jon Smith/ }).click({ modifiers: ["Control"] })]);
      await tab.waitForLoadState();
      expect(new URL(tab.url()).pathname).toBe(`/app/accounts/${admin.accountId}/conversations/${jon.displayId}`);
      await tab.close();
      expect(page.url()).toBe(listUrl);

      await rows.getByRole("link", { name: /Maria Garcia/ }).click();
      await page.getByRole("region", { name: "Messages" }).getByText("My order has not arrived yet").waitFor();
      expect(new URL(page.url()).pathname).toBe(`/app/accounts/${admin.accountId}/conversations/${maria.displayId}`);
      expect(new URL(page.url()).searchParams.get("assignee_type")).toBe("all");
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      await expect.poll(() => seenAt(maria.id), { timeout: STEP_MS }).not.toBeNull();
      await expect(rows.getByRole("link", { name: /Maria Garcia/ }).getAttribute("aria-current")).resolves.toBe("page");
    } finally {
      await context.close();
    }
  });

  it("the sidebar's links ask the server for nothing until clicked, and a click opens the page in place", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Billing", memberIds: [admin.userId] });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    // Every server render the page asks for (a prefetch is one too: the server renders the route).
    const renders: string[] = [];
    page.on("request", (request) => {
      const h = request.headers();
      if (h["rsc"] === "1" && h["next-action"] === undefined) renders.push(new URL(request.url()).pathname);
    });
    try {
      await authenticate(context, app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations`);
      await page.waitForLoadState("networkidle");
      const sidebar = page.getByRole("navigation", { name: "Main" });
      await sidebar.getByRole("link", { name: /^Contacts/ }).waitFor();
      // Before, each of the sidebar's links prefetched its page as soon as it was on screen.
      const base = `/app/accounts/${admin.accountId}`;
      expect(renders.filter((path) => [`${base}/contacts`, `${base}/portals`, `${base}/settings/account`, `${base}/search`, `${base}/inbox/${inbox.id}`].includes(path))).toEqual([]);

      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await sidebar.getByRole("link", { name: /^Billing/ }).click();
      await page.waitForURL(`**${base}/inbox/${inbox.id}`);
      await page.getByRole("heading", { name: "Billing" }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(renders).toContain(`${base}/inbox/${inbox.id}`);
    } finally {
      await context.close();
    }
  });
});
