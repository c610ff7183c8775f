import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";

/**
 * SLAs as an administrator uses them: a policy made in Settings → SLA, applied by hand from the
 * conversation's header; the header and the list row then count the first response's time down
 * in the browser and turn to "breached" when it passes, with no server round trip.
 */
const STEP_MS = 20_000;
/** The first-response target: long enough to see it running, short enough to watch it pass. */
const FRT_SECONDS = 40;

describeE2E("SLA policies on the conversation list", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("a policy made in settings is applied from the header; the row shows the time left, then breached", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const carol = await createContact(app().db, owner, admin.accountId, { name: "Carol Customer" });
    const base = `${app().url}/app/accounts/${admin.accountId}`;

    const page: Page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, admin.email, admin.password);
      await page.goto(`${base}/settings/sla`);
      const form = page.getByRole("form", { name: "Add an SLA policy" });
      await form.getByLabel("Name").fill("Quick");
      await form.getByLabel("First response within", { exact: true }).fill(String(FRT_SECONDS));
      await form.getByLabel("First response within unit").selectOption("1");
      await form.getByRole("button", { name: /Add policy/ }).click();
      await page.getByRole("list", { name: "SLA policies" }).getByText("First response 40s").waitFor();

      // The conversation starts its clock now.
      const conversation = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: carol.id, message: { content: "Where is my order?", messageType: "incoming" } });
      const started = Date.now();
      await page.goto(`${base}/conversations/${conversation.displayId}?assignee_type=all`);
      const row = page.getByRole("tabpanel", { name: "Conversations" }).locator(`li[data-display-id="${conversation.displayId}"]`);
      await row.waitFor();
      expect(await row.getByTestId("sla-badge").count()).toBe(0);

      await page.getByLabel("SLA policy").click();
      await page.getByRole("menuitemradio", { name: "Quick" }).click();
      await page.getByLabel("SLA policy").getByText("SLA: Quick").waitFor();

      // Time left, in words: "FRT 31s" (or amber under a quarter of the target).
      const badge = row.getByTestId("sla-badge");
      await badge.waitFor();
      const running = (await badge.textContent()) ?? "";
      if (Date.now() - started < (FRT_SECONDS - 6) * 1000) expect(running).toMatch(/^FRT \d+s$/);
      await page.locator("header").getByTestId("sla-badge").waitFor();

      // Then breached, counted in the browser alone.
      await row.locator('[data-testid="sla-badge"][data-tone="breached"]').waitFor({ timeout: FRT_SECONDS * 1000 + 15_000 });
      expect(await badge.textContent()).toMatch(/^FRT breached \d+s$/);
      expect(await page.locator("header").getByTestId("sla-badge").textContent()).toMatch(/FRT breached/);
    } finally {
      await page.context().close();
    }
  }, 150_000);
});
