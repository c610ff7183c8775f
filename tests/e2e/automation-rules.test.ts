import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * An automation rule as an administrator builds and checks it: nested AND / OR conditions made in
 * Settings → Automation, triggered by messages posted through the Application API, then its run
 * log ("fired on #N …", "did not fire on #M because: …") and its dry run over the last events.
 */
const STEP_MS = 20_000;

describeE2E("automation rules: nested conditions, run log and dry run in settings", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("a rule with an AND of an inbox and an OR group fires on the matching message only; the log says why for each; the dry run lists them", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const support = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const sales = await createApiInbox(app().db, owner, admin.accountId, { name: "Sales", memberIds: [admin.userId] });
    await createLabel(app().db, owner, admin.accountId, { title: "refund" });
    const base = `${app().url}/app/accounts/${admin.accountId}`;
    const context = await browser().newContext();
    const page: Page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(context, app().url, admin.email, admin.password);
      await page.goto(`${base}/settings/automation`);
      const form = page.getByRole("form", { name: "Add a rule" });
      await form.getByLabel("Rule name").fill("Refunds in Support");
      await form.getByLabel("When").selectOption("message_created");
      // All of: inbox is Support, and any of: content contains "refund" / "money back".
      await form.getByRole("button", { name: "Add condition", exact: true }).click();
      await form.getByLabel("Conditions › condition 1: attribute").selectOption("inbox_id");
      await form.getByLabel("Conditions › condition 1: operator").selectOption("equal_to");
      await form.getByLabel("Conditions › condition 1: value").selectOption({ label: "Support" });
      await form.getByRole("button", { name: "Add group", exact: true }).click();
      const group = form.getByRole("group", { name: "Conditions › group 2", exact: true });
      expect(await group.getByLabel("Conditions › group 2: match").inputValue()).toBe("or");
      await group.getByRole("button", { name: "Add condition to group" }).click();
      await group.getByRole("button", { name: "Add condition to group" }).click();
      await group.getByLabel("Conditions › group 2 › condition 1: value").fill("refund");
      await group.getByLabel("Conditions › group 2 › condition 2: value").fill("money back");
      await form.getByLabel("Action 1", { exact: true }).selectOption("add_label");
      await form.getByLabel("Action 1 value").selectOption("refund");
      await form.getByRole("button", { name: "Add rule" }).click();
      const row = page.locator('[aria-label="Rule Refunds in Support"]');
      await row.waitFor();

      // Three customers write through the Application API.
      const write = async (inboxId: number, name: string, content: string) => {
        const contact = await createContact(app().db, owner, admin.accountId, { name });
        const c = await createConversation(app().db, owner, admin.accountId, { inboxId, contactId: contact.id });
        const response = await fetch(`${base.replace("/app/", "/api/v1/")}/conversations/${c.displayId}/messages`, {
          method: "POST",
          headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
          body: JSON.stringify({ content, message_type: "incoming" }),
        });
        expect(response.status).toBe(200);
        return c;
      };
      const wanted = await write(support.id, "Carol", "I want my money back");
      const elsewhere = await write(sales.id, "Dave", "A refund please");
      const chatty = await write(support.id, "Erin", "Just saying hello");
      await expect.poll(() => getConversationLabels(app().db, owner, admin.accountId, wanted.displayId), { timeout: 30_000 }).toEqual(["refund"]);
      for (const c of [elsewhere, chatty]) expect(await getConversationLabels(app().db, owner, admin.accountId, c.displayId)).toEqual([]);

      // The run log, in words: one fired, two did not and say why.
      const log = row.getByRole("list", { name: "Run log" });
      await expect
        .poll(
          async () => {
            await row.getByRole("button", { name: /Show run log|Refresh log/ }).click();
            return (await log.count()) > 0 ? ((await log.textContent()) ?? "") : "";
          },
          { timeout: 30_000 },
        )
        .toMatch(new RegExp(`did not fire on #${chatty.displayId} because`));
      const text = (await log.textContent()) ?? "";
      expect(text).toContain(`fired on #${wanted.displayId}: conditions matched`);
      expect(text).toMatch(new RegExp(`did not fire on #${elsewhere.displayId} because: .*Sales`));

      // The dry run of the rule as saved: it would have fired on the one matching event.
      await row.getByRole("button", { name: "Edit Refunds in Support" }).click();
      await page.getByRole("button", { name: "Dry run" }).click();
      const dry = page.getByRole("list", { name: "Dry run" });
      await dry.getByText(new RegExp(`^#${wanted.displayId}: would fire`)).waitFor();
      await dry.getByText(new RegExp(`^#${elsewhere.displayId}: would not fire`)).waitFor();
      await page.getByRole("status").filter({ hasText: /Would have fired on 1 of the last \d+ events/ }).waitFor();
      const [stored] = await app().db.select().from(conversations).where(and(eq(conversations.accountId, admin.accountId), eq(conversations.id, wanted.id)));
      expect(stored.status).toBe("open");
    } finally {
      await context.close();
    }
  });
});
