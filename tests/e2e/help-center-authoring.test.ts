import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";

/**
 * The help center's authoring path in the production build: an administrator creates a portal,
 * a category and an article (the preview shows the rendered Markdown), publishes it, readers can
 * open it; then an agent inserts the article's link into a reply from the composer.
 */
const STEP_MS = 20_000;

describeE2E("help-center authoring", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("creates a portal, a category and an article, publishes it and inserts its link in a reply", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const maria = await createContact(app().db, actor, admin.accountId, { name: "Maria Garcia", email: "maria@example.com" });
    const conversation = await createConversation(app().db, actor, admin.accountId, {
      inboxId: inbox.id,
      contactId: maria.id,
      message: { content: "I forgot my password", messageType: "incoming" },
    });
    const slug = `acme-${randomBytes(3).toString("hex")}`;
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, admin.email, admin.password);
      await page.getByRole("link", { name: "Help center" }).click();
      await page.waitForURL((url) => url.pathname === `/app/accounts/${admin.accountId}/portals`);

      // Portal
      await page.getByLabel("Name", { exact: true }).fill("Acme Help");
      await page.getByLabel("Slug", { exact: true }).fill(slug);
      await page.getByLabel("Locales").fill("en, fr");
      await page.getByRole("button", { name: "Create portal" }).click();
      await page.waitForURL((url) => url.pathname === `/app/accounts/${admin.accountId}/portals/${slug}/articles`);

      // Category
      await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Categories" }).click();
      await page.waitForURL((url) => url.pathname.endsWith(`/portals/${slug}/categories`));
      await page.getByLabel("Name", { exact: true }).fill("Getting started");
      await page.getByLabel("Icon (emoji)").fill("🚀");
      await page.getByRole("button", { name: "Add category" }).click();
      await page.getByRole("list", { name: "Categories in en" }).getByText("Getting started").waitFor();

      // Article: the preview is the rendered, sanitized Markdown.
      await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Articles" }).click();
      await page.getByRole("link", { name: "New article" }).click();
      await page.getByLabel("Title", { exact: true }).fill("Reset your password");
      await page.getByLabel("Category", { exact: true }).selectOption({ label: "Getting started" });
      await page.getByLabel("Content (Markdown)").fill("## Steps\n\nClick **Forgot password** on the sign-in page.\n\n<script>alert(1)</script>");
      const preview = page.getByRole("article", { name: "Preview" });
      await preview.locator("strong", { hasText: "Forgot password" }).waitFor();
      expect(await preview.locator("script").count()).toBe(0);
      await page.getByRole("button", { name: "Publish" }).click();
      await page.getByText("Published.").waitFor().catch(async (error: unknown) => {
        // Say what the page said instead (a field error, an alert), so a failure explains itself.
        const said = await page.getByRole("alert").allInnerTexts().catch(() => []);
        throw new Error(`${String(error)}\nalerts on the page: ${JSON.stringify(said)}`);
      });
      await page.waitForURL((url) => /\/articles\/\d+$/.test(url.pathname));
      // The article now has its own address, and the editor still says it was published.
      await page.waitForTimeout(500);
      expect(await page.getByText("Published.").isVisible()).toBe(true);

      // Listed as published; readers can open it.
      await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Articles" }).click();
      await page.getByRole("link", { name: /^Published/ }).click();
      await page.getByRole("link", { name: "Reset your password" }).waitFor();
      // What readers see is the public site's own suite; here only that it is now public.
      expect((await fetch(`${app().url}/hc/${slug}/articles/reset-your-password`)).status).toBe(200);

      // The composer inserts "title: public URL" into the reply.
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${conversation.displayId}`);
      await page.getByRole("button", { name: "Insert article" }).click();
      await page.getByLabel("Search articles").fill("passw");
      await page.getByRole("dialog", { name: "Insert a help-center article" }).getByRole("button", { name: /Reset your password/ }).click();
      const message = page.getByLabel("Message", { exact: true });
      await expect.poll(() => message.innerText()).toContain(`Reset your password: ${app().url}/hc/${slug}/articles/reset-your-password`);
    } finally {
      await context.close();
    }
  });
});
