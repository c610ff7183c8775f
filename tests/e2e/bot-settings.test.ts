import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { getInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { createAgentBot, getAgentBot } from "@/lib/agent-bots/manage-bots";
import { setEnvVar } from "@/lib/env";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/** An administrator picks an inbox's bot on the inbox's settings page, then renames the bot on Settings → Bots. */
const STEP_MS = 20_000;
// Bots keep an encrypted signing secret: this process (which seeds) and the app share the key.
const ENCRYPTION_KEY = "e2e-bot-settings-encryption-key";
setEnvVar("ENCRYPTION_KEY", ENCRYPTION_KEY);

describeE2E("bot settings", () => {
  const app = useAppServer({ env: { ENCRYPTION_KEY } });
  const browser = useBrowser();

  it("shows and changes the inbox's bot, and edits a bot", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Returns desk", memberIds: [admin.userId] });
    const bot = await createAgentBot(app().db, actor, admin.accountId, { name: "Triage Bot", outgoing_url: "https://bot.example.com/hook" });

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/${inbox.id}`);
      const current = page.getByTestId("inbox-bot-current");
      await current.getByText("No bot answers this inbox.").waitFor();
      await page.getByLabel("Bot", { exact: true }).selectOption({ label: "Triage Bot" });
      await page.getByRole("button", { name: "Save bot choice" }).click();
      await current.getByText("Triage Bot").waitFor();
      expect((await getInboxAgentBot(app().db, actor, admin.accountId, inbox.id))?.id).toBe(bot.id);

      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/bots`);
      const row = page.getByRole("group", { name: "Triage Bot" });
      await row.getByRole("button", { name: "Edit" }).click();
      const form = page.getByRole("form", { name: "Edit Triage Bot" });
      await form.getByLabel("Bot name").fill("Night Bot");
      await form.getByLabel("Outgoing URL").fill("https://night.example.com/events");
      await form.getByRole("button", { name: "Save bot" }).click();
      await page.getByRole("group", { name: "Night Bot" }).getByText("https://night.example.com/events").waitFor();
      expect(await getAgentBot(app().db, actor, admin.accountId, bot.id)).toMatchObject({ name: "Night Bot", outgoingUrl: "https://night.example.com/events" });
    } finally {
      await context.close();
    }
  });
});
