import { and, eq, inArray } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { updatePriority } from "@/lib/conversations/update-priority";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import type { SeededAdmin } from "../support/app-server";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The list's tools as an agent uses them: the filter builder and saved views in the sidebar, row
 * selection with the bulk action bar (a teammate's list follows live), "select all matching"
 * run as a job with its progress, and a list sorted by created date keeping its order when a live
 * event arrives. One account, one signed-in context per agent, shared by the tests.
 */
const LIVE_MS = 10_000;

describeE2E("filters, saved views, bulk actions and live sort order", () => {
  const app = useAppServer({ realtime: true });
  const browser = useBrowser();
  let admin: SeededAdmin;
  let context: BrowserContext | null = null;
  const contexts: BrowserContext[] = [];

  async function signedIn(email: string, password: string): Promise<BrowserContext> {
    const c = await browser().newContext();
    contexts.push(c);
    await authenticate(c, app().url, email, password);
    return c;
  }
  async function adminPage(path: string): Promise<Page> {
    admin ??= await app().seedAccount({ name: "Alice Admin" });
    context ??= await signedIn(admin.email, admin.password);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${app().url}/app/accounts/${admin.accountId}${path}`);
    await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
    return page;
  }
  async function seedInbox(name: string, contacts: string[], memberIds: number[] = []) {
    admin ??= await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name, memberIds: [admin.userId, ...memberIds] });
    const made = [];
    for (const contactName of contacts) {
      const contact = await createContact(app().db, owner, admin.accountId, { name: contactName });
      made.push(await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: `Hello from ${contactName}`, messageType: "incoming" } }));
    }
    return { inbox, conversations: made };
  }
  const rows = (page: Page) => page.getByRole("tabpanel", { name: "Conversations" });
  const rowNames = async (page: Page) => (await rows(page).locator("li > a > div > div:first-child > p:first-child").allTextContents()).map((t) => t.trim());

  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it("builds a filter that the URL keeps, saves it as a view, and opens the view from the sidebar after a reload", async () => {
    const { conversations: made } = await seedInbox("Support", ["Carol Urgent", "Dan Calm"]);
    await updatePriority(app().db, userActor(admin.userId), admin.accountId, made[0].displayId, { priority: "urgent" });
    const page = await adminPage("/conversations?assignee_type=all");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    const builder = page.getByRole("form", { name: "Filter conversations" });
    await builder.getByRole("button", { name: "Add condition" }).click();
    const second = builder.getByRole("group", { name: "Condition 2" });
    await second.getByLabel("Attribute").selectOption({ label: "Priority" });
    await second.getByLabel("Operator").selectOption({ label: "is" });
    await second.getByLabel("Value").selectOption({ label: "Urgent" });
    await builder.getByRole("button", { name: "Apply filter" }).click();
    await page.waitForURL(/filter=/);
    await rows(page).getByRole("link", { name: /Carol Urgent/ }).waitFor();
    await rows(page).getByRole("link", { name: /Dan Calm/ }).waitFor({ state: "detached" });

    await page.reload();
    await page.getByTestId("filter-summary").filter({ hasText: "2 conditions" }).waitFor();
    expect(await rowNames(page)).toEqual(["Carol Urgent"]);

    await page.getByRole("button", { name: "Save as view" }).click();
    await page.getByLabel("View name").fill("Urgent open");
    await page.getByRole("button", { name: "Save view" }).click();
    await page.waitForURL(/\/custom_view\/\d+/);
    const views = page.getByRole("list", { name: "Saved views" });
    await views.getByRole("link", { name: "Urgent open" }).waitFor();

    await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`);
    await page.reload();
    await rows(page).getByRole("link", { name: /Dan Calm/ }).waitFor();
    await views.getByRole("link", { name: "Urgent open" }).click();
    await page.waitForURL(/\/custom_view\/\d+/);
    await page.getByRole("heading", { name: "Urgent open" }).waitFor();
    await rows(page).getByRole("link", { name: /Dan Calm/ }).waitFor({ state: "detached" });
    expect(await rowNames(page)).toEqual(["Carol Urgent"]);

    await page.getByRole("button", { name: "Rename view" }).click();
    await page.getByLabel("View name").fill("Urgent");
    await page.getByRole("button", { name: "Save name" }).click();
    await views.getByRole("link", { name: "Urgent", exact: true }).waitFor();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete view" }).click();
    await page.waitForURL(/\/conversations/);
    await views.waitFor({ state: "detached" });
    await page.close();
  });

  it("bulk-resolves selected rows (shift-click range, x on the focused row) and a teammate's list follows; 'all matching' runs with progress to a summary", async () => {
    admin ??= await app().seedAccount({ name: "Alice Admin" });
    const bruno = await app().seedUser(admin.accountId, { name: "Bruno Agent" });
    const names = Array.from({ length: 30 }, (_, i) => `Bulk ${String(i + 1).padStart(2, "0")}`);
    const { inbox, conversations: made } = await seedInbox("Bulk", names, [bruno.userId]);
    const watcherContext = await signedIn(bruno.email, bruno.password);
    const watcher = await watcherContext.newPage();
    watcher.setDefaultTimeout(20_000);
    await watcher.goto(`${app().url}/app/accounts/${admin.accountId}/inbox/${inbox.id}?assignee_type=all`);
    await watcher.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
    const page = await adminPage(`/inbox/${inbox.id}?assignee_type=all`);
    expect((await rowNames(page)).slice(0, 3)).toEqual(["Bulk 30", "Bulk 29", "Bulk 28"]);

    await page.getByLabel("Select Bulk 30").click();
    await page.getByLabel("Select Bulk 28").click({ modifiers: ["Shift"] });
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByTestId("selected-count").filter({ hasText: "3 selected" }).waitFor();
    await bar.getByRole("button", { name: "Resolve" }).click();
    await bar.getByTestId("bulk-summary").filter({ hasText: "3 updated" }).waitFor();
    for (const p of [page, watcher]) await rows(p).getByRole("link", { name: /Bulk 29/ }).waitFor({ state: "detached", timeout: LIVE_MS });
    expect((await rowNames(page)).slice(0, 2)).toEqual(["Bulk 27", "Bulk 26"]);

    await rows(page).getByRole("link", { name: /Bulk 27/ }).focus();
    await page.keyboard.press("x");
    await bar.getByTestId("selected-count").filter({ hasText: "1 selected" }).waitFor();
    await bar.getByRole("button", { name: /^Select all \d+ matching$/ }).click();
    await bar.getByTestId("selected-count").filter({ hasText: "27 selected" }).waitFor();
    await bar.getByRole("button", { name: "Resolve" }).click();
    // Queued as a job: the bar follows its bulk_action.progress events to the end.
    await bar.getByTestId("bulk-summary").filter({ hasText: "27 updated" }).waitFor({ timeout: 30_000 });
    for (const p of [page, watcher]) await rows(p).getByText("No conversations here").waitFor({ timeout: LIVE_MS });
    const left = await app()
      .db.select({ status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.accountId, admin.accountId), inArray(conversations.id, made.map((c) => c.id))));
    expect(left.every((c) => c.status === "resolved")).toBe(true);
    await page.close();
    await watcher.close();
  });

  it("keeps a list sorted by created date in that order when a live message arrives", async () => {
    const { inbox, conversations: made } = await seedInbox("Sorted", ["Oldest One", "Middle One", "Newest One"]);
    const page = await adminPage(`/inbox/${inbox.id}?assignee_type=all&sort_by=created_at_desc`);
    expect(await rowNames(page)).toEqual(["Newest One", "Middle One", "Oldest One"]);
    const response = await fetch(`${app().url}/api/v1/accounts/${admin.accountId}/conversations/${made[0].displayId}/messages`, {
      method: "POST",
      headers: { api_access_token: admin.apiAccessToken, "content-type": "application/json" },
      body: JSON.stringify({ content: "Still waiting on the oldest", message_type: "incoming" }),
    });
    expect(response.status).toBe(200);
    await rows(page).getByText("Still waiting on the oldest").waitFor({ timeout: LIVE_MS });
    expect(await rowNames(page)).toEqual(["Newest One", "Middle One", "Oldest One"]);
    await page.close();
  });
});
