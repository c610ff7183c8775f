import type { Page } from "playwright-core";
import { it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Labels, teams, priority and custom attributes as agents use them: an administrator defines them
 * in Settings; in the open conversation the header sets priority, team and a label and the side
 * panel an attribute; a second agent watching the list sees the row change live; the sidebar's
 * label and team links and the list's filters narrow the list.
 */
const STEP_MS = 20_000;
const LIVE_MS = 10_000;

describeE2E("labels, teams, priority and custom attributes", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("an administrator defines them; the header and side panel set them; a teammate's row follows live; sidebar and filters narrow the list", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, bruno.userId] });
    const carol = await createContact(app().db, owner, admin.accountId, { name: "Carol Customer" });
    const dan = await createContact(app().db, owner, admin.accountId, { name: "Dan Other" });
    const conversation = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: carol.id, message: { content: "My invoice is wrong", messageType: "incoming" } });
    await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: dan.id, message: { content: "Hello", messageType: "incoming" } });
    const base = `${app().url}/app/accounts/${admin.accountId}`;

    const page: Page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    const watcher: Page = await (await browser().newContext()).newPage();
    watcher.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${base}/settings/labels`);
      await page.getByLabel("Title").fill("Billing");
      await page.getByRole("button", { name: "Add label" }).click();
      await page.getByRole("list", { name: "Labels" }).getByText("billing").waitFor();

      await page.goto(`${base}/settings/teams`);
      await page.getByLabel("Name").fill("Finance");
      await page.getByRole("button", { name: "Add team" }).click();
      const members = page.getByRole("form", { name: "Members of Finance" });
      await members.getByLabel("Bruno Agent").check();
      await members.getByRole("button", { name: "Save members" }).click();
      await page.getByRole("button", { name: "Saving…" }).waitFor({ state: "detached" });

      await page.goto(`${base}/settings/custom-attributes`);
      await page.getByLabel("Display name").fill("Order number");
      await page.getByRole("button", { name: "Add attribute" }).click();
      await page.getByRole("list", { name: "Conversation attributes" }).getByText("Order number").waitFor();

      // Bruno watches the All list.
      await authenticate(watcher.context(), app().url, bruno.email, bruno.password);
      await watcher.goto(`${base}/conversations?assignee_type=all`);
      await watcher.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const brunoRow = watcher.getByRole("tabpanel", { name: "Conversations" }).getByRole("link", { name: /Carol Customer/ });

      await page.goto(`${base}/conversations/${conversation.displayId}?assignee_type=all`);
      // Hydrated and listening: a choice made before React attaches its handlers would be lost.
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      const tags = page.getByTestId("conversation-tags");
      await tags.getByLabel("Priority").selectOption("urgent");
      await brunoRow.locator("[data-priority=urgent]").waitFor({ timeout: LIVE_MS });
      await tags.getByLabel("Team").selectOption({ label: "Finance" });
      await brunoRow.getByText("Finance").waitFor({ timeout: LIVE_MS });
      await tags.getByText("Labels").click();
      await page.getByRole("group", { name: "Labels of this conversation" }).getByRole("checkbox").check();
      await brunoRow.locator("[data-label=billing]").waitFor({ timeout: LIVE_MS });
      await tags.locator("[data-label=billing]").first().waitFor();

      const panel = page.getByRole("complementary", { name: "Contact" });
      await panel.getByRole("button", { name: "Edit Order number" }).click();
      await panel.getByLabel("Order number", { exact: true }).fill("A-1001");
      await panel.getByRole("button", { name: "Save" }).click();
      await panel.getByRole("button", { name: "Edit Order number" }).filter({ hasText: "A-1001" }).waitFor();

      // The sidebar's label link and Bruno's My teams list show only Carol's conversation.
      await page.getByRole("list", { name: "Label views" }).getByRole("link", { name: "billing" }).click();
      const list = page.getByRole("tabpanel", { name: "Conversations" });
      await list.getByRole("link", { name: /Carol Customer/ }).waitFor();
      await page.waitForURL(/labels=billing/);
      if ((await list.getByRole("link", { name: /Dan Other/ }).count()) !== 0) throw new Error("the label filter shows an unlabelled conversation");
      await watcher.getByRole("list", { name: "Team views" }).getByRole("link", { name: "My teams" }).click();
      await watcher.waitForURL(/my_teams=1/);
      const brunoList = watcher.getByRole("tabpanel", { name: "Conversations" });
      await brunoList.getByRole("link", { name: /Carol Customer/ }).waitFor();
      if ((await brunoList.getByRole("link", { name: /Dan Other/ }).count()) !== 0) throw new Error("My teams shows a conversation of no team");
      // The priority filter.
      await page.goto(`${base}/conversations?assignee_type=all`);
      await page.getByLabel("Priority", { exact: true }).first().selectOption("urgent");
      await page.waitForURL(/priority=urgent/);
      await list.getByRole("link", { name: /Carol Customer/ }).waitFor();
      if ((await list.getByRole("link", { name: /Dan Other/ }).count()) !== 0) throw new Error("the priority filter shows a conversation without priority");
    } finally {
      await page.context().close();
      await watcher.context().close();
    }
  });
});
