import type { Browser, Page } from "playwright-core";
import { expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";

/**
 * The contacts list's filter saved as a view in its sidebar; the conversation filter's pickers
 * taking several labels (any of them); and moving a conversation to another contact from the
 * side panel, with a second agent's panel and the contacts' pages following live.
 */
const STEP_MS = 20_000;
type App = ReturnType<ReturnType<typeof useAppServer>>;

async function agentPage(app: App, browser: Browser, who: { email: string; password: string }, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(STEP_MS);
  await signIn(page, app.url, who.email, who.password);
  await page.goto(`${app.url}${path}`);
  return page;
}
const live = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");

describeE2E("contact views, multi-value filters, moving a conversation", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();

  it("filters contacts, saves the filter as a view listed beside the list, opens and deletes it", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    await createContact(app().db, owner, admin.accountId, { name: "Ada Acme", email: "ada@acme.test" });
    await createContact(app().db, owner, admin.accountId, { name: "Ben Acme", email: "ben@acme.test" });
    await createContact(app().db, owner, admin.accountId, { name: "Cy Other", email: "cy@other.test" });
    const base = `/app/accounts/${admin.accountId}/contacts`;
    const page = await agentPage(app(), browser(), admin, base);
    const table = page.getByRole("table");
    try {
      await table.getByRole("link", { name: "Cy Other" }).waitFor();
      await page.getByRole("button", { name: "Filter", exact: true }).click();
      const builder = page.getByRole("form", { name: "Filter contacts" });
      const first = builder.getByRole("group", { name: "Condition 1" });
      await first.getByLabel("Attribute").selectOption({ label: "Email" });
      await first.getByLabel("Operator").selectOption({ label: "contains" });
      await first.getByLabel("Value").fill("@acme.test");
      await builder.getByRole("button", { name: "Apply filter" }).click();
      await page.waitForURL(/filter=/);
      await table.getByRole("link", { name: "Cy Other" }).waitFor({ state: "detached" });
      await table.getByRole("link", { name: "Ada Acme" }).waitFor();
      await table.getByRole("link", { name: "Ben Acme" }).waitFor();

      await page.getByRole("button", { name: "Save as view" }).click();
      await page.getByLabel("View name").fill("Acme people");
      await page.getByRole("button", { name: "Save view" }).click();
      await page.waitForURL(/view=\d+/);
      const views = page.getByRole("navigation", { name: "Contact views" });
      await views.getByRole("link", { name: "Acme people" }).waitFor();

      // From the full list, the view in the sidebar brings the filtered list back.
      await views.getByRole("link", { name: "All contacts" }).click();
      await table.getByRole("link", { name: "Cy Other" }).waitFor();
      await views.getByRole("link", { name: "Acme people" }).click();
      await page.waitForURL(/view=\d+/);
      await table.getByRole("link", { name: "Cy Other" }).waitFor({ state: "detached" });
      await table.getByRole("link", { name: "Ada Acme" }).waitFor();

      page.once("dialog", (d) => void d.accept());
      await page.getByRole("button", { name: "Delete view" }).click();
      await views.getByRole("link", { name: "Acme people" }).waitFor({ state: "detached" });
    } finally {
      await page.context().close();
    }
  });

  it("a label condition takes several labels and lists the conversations with any of them", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    for (const title of ["billing", "bug", "other"]) await createLabel(app().db, owner, admin.accountId, { title });
    for (const [name, label] of [["Bill Payer", "billing"], ["Bea Buggy", "bug"], ["Otto Other", "other"]]) {
      const contact = await createContact(app().db, owner, admin.accountId, { name });
      const c = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: `Hello from ${name}`, messageType: "incoming" } });
      await changeConversationLabels(app().db, owner, admin.accountId, c.displayId, { add: [label] });
    }
    const page = await agentPage(app(), browser(), admin, `/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
    const rows = page.getByRole("tabpanel", { name: "Conversations" });
    try {
      await rows.getByRole("link", { name: /Otto Other/ }).waitFor();
      await page.getByRole("button", { name: "Filter", exact: true }).click();
      const builder = page.getByRole("form", { name: "Filter conversations" });
      await builder.getByRole("button", { name: "Add condition" }).click();
      const second = builder.getByRole("group", { name: "Condition 2" });
      await second.getByLabel("Attribute").selectOption({ label: "Label" });
      await second.getByLabel("Operator").selectOption({ label: "is" });
      await second.getByRole("button", { name: "Values" }).click();
      const choices = second.getByRole("group", { name: "Values" });
      // The picker starts with the first label ticked; "bug" is added.
      expect(await choices.getByLabel("billing").isChecked()).toBe(true);
      await choices.getByLabel("bug").check();
      await second.getByRole("button", { name: "Values" }).click();
      expect(await second.getByRole("button", { name: "Values" }).textContent()).toContain("billing, bug");
      await builder.getByRole("button", { name: "Apply filter" }).click();
      await page.waitForURL(/filter=/);
      await rows.getByRole("link", { name: /Otto Other/ }).waitFor({ state: "detached" });
      await rows.getByRole("link", { name: /Bill Payer/ }).waitFor();
      await rows.getByRole("link", { name: /Bea Buggy/ }).waitFor();

      // "is not" with the same two leaves only the third.
      await page.getByRole("button", { name: "Edit filter" }).click();
      await builder.getByRole("group", { name: "Condition 2" }).getByLabel("Operator").selectOption({ label: "is not" });
      await builder.getByRole("button", { name: "Apply filter" }).click();
      await rows.getByRole("link", { name: /Otto Other/ }).waitFor();
      await rows.getByRole("link", { name: /Bill Payer/ }).waitFor({ state: "detached" });
      await rows.getByRole("link", { name: /Bea Buggy/ }).waitFor({ state: "detached" });
    } finally {
      await page.context().close();
    }
  });

  it("moves a conversation to another contact from the panel; a second agent's panel and both contacts' pages follow live", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId, bruno.userId] });
    const colleague = await createContact(app().db, owner, admin.accountId, { name: "Carl Colleague", email: "carl@customer.test" });
    const customer = await createContact(app().db, owner, admin.accountId, { name: "Dora Customer", email: "dora@customer.test" });
    const moved = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: colleague.id, message: { content: "Forwarded for Dora", messageType: "incoming" } });
    await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: customer.id, message: { content: "Dora's own question", messageType: "incoming" } });
    const base = `/app/accounts/${admin.accountId}`;
    const a = await agentPage(app(), browser(), admin, `${base}/conversations/${moved.displayId}`);
    const b = await agentPage(app(), browser(), bruno, `${base}/conversations/${moved.displayId}`);
    const fromPage = await agentPage(app(), browser(), bruno, `${base}/contacts/${colleague.id}`);
    const toPage = await agentPage(app(), browser(), bruno, `${base}/contacts/${customer.id}`);
    // The contact panel (the app's sidebar is a complementary region too).
    const panel = (page: Page) => page.getByRole("complementary").filter({ hasText: "Move to another contact" });
    try {
      await Promise.all([live(b), live(fromPage), live(toPage)]);
      await panel(b).getByText("Carl Colleague").first().waitFor();
      await fromPage.getByRole("link", { name: new RegExp(`#${moved.displayId}\\b`) }).waitFor();

      await a.getByRole("button", { name: "Move to another contact" }).click();
      await a.getByLabel("Move to contact", { exact: true }).fill("Dora");
      await a.getByRole("listbox", { name: "Move to contact: results" }).getByRole("button", { name: /Dora Customer/ }).click();
      await a.getByRole("button", { name: "Move", exact: true }).click();
      await panel(a).getByText("Dora Customer").first().waitFor();
      await a.getByText("Alice Admin moved the conversation to Dora Customer").waitFor();

      // The second agent's panel now shows Dora, with her other conversation as a previous one.
      await panel(b).getByText("Dora Customer").first().waitFor({ timeout: 10_000 });
      await panel(b).getByRole("link", { name: /Dora's own question/ }).waitFor();
      // Carl's page no longer lists it; Dora's does.
      await fromPage.getByRole("link", { name: new RegExp(`#${moved.displayId}\\b`) }).waitFor({ state: "detached", timeout: 10_000 });
      await toPage.getByRole("link", { name: new RegExp(`#${moved.displayId}\\b`) }).waitFor({ timeout: 10_000 });
    } finally {
      for (const p of [a, b, fromPage, toPage]) await p.context().close();
    }
  });
});
