import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { attachments, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * A rule that sends a file, as an administrator makes it in Settings → Automation: the file chosen
 * in the action picker is uploaded at once, kept with the rule when it is added, shown again when
 * the rule is edited, and sent in a reply when the rule fires on a new conversation.
 */
const STEP_MS = 20_000;

describeE2E("automation rules: send_attachment from the rule form", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("a file chosen in the rule form is kept with the rule and sent when it fires", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const base = `${app().url}/app/accounts/${admin.accountId}`;
    const context = await browser().newContext();
    const page: Page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(context, app().url, admin.email, admin.password);
      await page.goto(`${base}/settings/automation`);
      const form = page.getByRole("form", { name: "Add a rule" });
      await form.getByLabel("Rule name").fill("Send the opening hours");
      await form.getByLabel("When").selectOption("conversation_created");
      await form.getByLabel("Action 1", { exact: true }).selectOption("send_attachment");
      await form.getByLabel("Action 1 value").setInputFiles({ name: "opening-hours.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 hours") });
      await form.getByTestId("macro-file").filter({ hasText: "opening-hours.pdf" }).waitFor();
      await form.getByRole("button", { name: "Add rule" }).click();
      const row = page.locator('[aria-label="Rule Send the opening hours"]');
      await row.waitFor();

      // Editing it shows the file it keeps.
      await row.getByRole("button", { name: "Edit Send the opening hours" }).click();
      await page.getByRole("form", { name: "Edit rule Send the opening hours" }).getByTestId("macro-file").filter({ hasText: "opening-hours.pdf" }).waitFor();

      // A new conversation through the Application API: the rule replies with the file.
      const contact = await createContact(app().db, owner, admin.accountId, { name: "Carol" });
      const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}/conversations`, {
        method: "POST",
        headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
        body: JSON.stringify({ inbox_id: inbox.id, contact_id: contact.id, message: { content: "When are you open?" } }),
      });
      expect(response.status).toBe(200);
      const { id: displayId } = (await response.json()) as { id: number };
      const sentFiles = async () => {
        const rows = await app()
          .db.select({ fileName: attachments.fileName })
          .from(attachments)
          .innerJoin(messages, eq(messages.id, attachments.messageId))
          .where(and(eq(messages.accountId, admin.accountId), eq(messages.messageType, "outgoing")));
        return rows.map((r) => r.fileName);
      };
      await expect.poll(sentFiles, { timeout: 30_000 }).toEqual(["opening-hours.pdf"]);
      await page.goto(`${base}/conversations/${displayId}?assignee_type=all`);
      await page.getByText("opening-hours.pdf").first().waitFor();
    } finally {
      await context.close();
    }
  });
});
