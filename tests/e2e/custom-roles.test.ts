import type { Page } from "playwright-core";
import { it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Custom roles through the UI: an administrator creates a role that shows only unassigned
 * conversations and the member's own, gives it to an agent in Settings → Agents, and that agent's
 * list then shows exactly those — not a colleague's conversation of the same inbox — and the
 * Contacts page tells them their role does not include contacts.
 */
const STEP_MS = 20_000;

describeE2E("custom roles", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("an administrator creates a role and gives it to an agent, who then sees only what it allows", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, bruno.userId] });
    const open = async (name: string, assigneeId: number | null) => {
      const contact = await createContact(app().db, owner, admin.accountId, { name });
      const c = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: `From ${name}`, messageType: "incoming" } });
      if (assigneeId !== null) await assignConversation(app().db, owner, admin.accountId, c.displayId, { assigneeId });
    };
    await open("Carol Brunos", bruno.userId);
    await open("Dan Unassigned", null);
    await open("Erin Alices", admin.userId);
    const base = `${app().url}/app/accounts/${admin.accountId}`;

    const page: Page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    const agent: Page = await (await browser().newContext()).newPage();
    agent.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${base}/settings/roles`);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const form = page.getByRole("form", { name: "Add a role" });
      await form.getByLabel("Name").fill("Tier 1");
      await form.getByLabel(/Unassigned and their own/).check();
      await form.getByRole("button", { name: "Add role" }).click();
      await page.getByRole("list", { name: "Roles" }).getByText("Tier 1").waitFor();

      await page.goto(`${base}/settings/agents`);
      // Hydrated (and listening): a choice made before React attaches its handlers would be lost.
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      await page.getByLabel("Role of Bruno Agent").selectOption({ label: "Tier 1" });
      await page.getByLabel("Role of Bruno Agent").and(page.locator(":enabled")).waitFor();
      await page.reload();
      await page.getByLabel("Role of Bruno Agent").locator("option:checked", { hasText: "Tier 1" }).waitFor({ state: "attached" });

      await authenticate(agent.context(), app().url, bruno.email, bruno.password);
      await agent.goto(`${base}/conversations?assignee_type=all`);
      const rows = agent.getByRole("tabpanel", { name: "Conversations" });
      await rows.getByRole("link", { name: /Carol Brunos/ }).waitFor();
      await rows.getByRole("link", { name: /Dan Unassigned/ }).waitFor();
      if ((await rows.getByRole("link", { name: /Erin Alices/ }).count()) !== 0) throw new Error("a colleague's conversation is listed");
      await agent.goto(`${base}/contacts`);
      await agent.getByText("Your role does not include contacts.").waitFor();
    } finally {
      await page.context().close();
      await agent.context().close();
    }
  });
});
