import { hashToken } from "@/lib/auth/tokens";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { users } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, signIn, useAppServer, useBrowser } from "../support/browser";

/**
 * The agent inbox in the production build, driven as a person does: by labels, roles and text.
 * Data is seeded through the domain functions, the same ones the app uses.
 */
const STEP_MS = 20_000;

async function seedInbox(app: ReturnType<ReturnType<typeof useAppServer>>) {
  const admin = await app.seedAccount({ name: "Alice Admin" });
  const bob = await app.seedUser(admin.accountId, { name: "Bob Agent" });
  const actor = userActor(admin.userId);
  const support = await createApiInbox(app.db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId, bob.userId] });
  const vip = await createApiInbox(app.db, actor, admin.accountId, { name: "VIP", memberIds: [admin.userId] });
  const maria = await createContact(app.db, actor, admin.accountId, { name: "Maria Garcia", email: "maria@example.com" });
  const order = await createConversation(app.db, actor, admin.accountId, {
    inboxId: support.id,
    contactId: maria.id,
    message: { content: "My order has not arrived yet", messageType: "incoming" },
  });
  const victor = await createContact(app.db, actor, admin.accountId, { name: "Victor Vip" });
  const secret = await createConversation(app.db, actor, admin.accountId, {
    inboxId: vip.id,
    contactId: victor.id,
    message: { content: "A VIP-only question", messageType: "incoming" },
  });
  return { admin, bob, order, secret };
}

/** A thread entry (listitem) whose accessible name starts with `label`, e.g. "Reply from Alice Admin". */
const threadItem = (page: Page, label: string, text: string) =>
  page.getByRole("region", { name: "Messages" }).getByRole("listitem", { name: label }).filter({ hasText: text });

describeE2E("agent inbox", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("signs in, opens a conversation, replies, adds a private note, resolves and reassigns", async () => {
    const { admin, order } = await seedInbox(app());
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, admin.email, admin.password);
      await page.waitForURL((url) => url.pathname === `/app/accounts/${admin.accountId}/conversations`);

      // The conversation is unassigned: not under Mine, but under Unassigned and All, with counts.
      await page.getByRole("tab", { name: /^All/ }).click();
      await page.getByRole("tab", { name: /^All/, selected: true }).waitFor();
      expect(await page.getByRole("tab", { name: /^Unassigned/ }).textContent()).toContain("2");
      const row = page.getByRole("link", { name: /Maria Garcia/ });
      expect(await row.textContent()).toContain("1 unread");
      await row.click();
      await page.waitForURL((url) => url.pathname === `/app/accounts/${admin.accountId}/conversations/${order.displayId}`);
      await threadItem(page, "Message from Maria Garcia", "My order has not arrived yet").waitFor();
      await page.getByRole("complementary", { name: "Contact" }).getByText("maria@example.com").waitFor();
      // Opening it marked it read.
      await page.getByRole("link", { name: /Maria Garcia/ }).filter({ hasNotText: "unread" }).waitFor();

      // Reply: it appears in the thread as the agent's reply.
      await page.getByLabel("Message", { exact: true }).fill("Sorry about that! Let me check with the carrier.");
      await page.getByRole("button", { name: "Send" }).click();
      await threadItem(page, "Reply from Alice Admin", "Let me check with the carrier").waitFor();
      expect((await page.getByLabel("Message", { exact: true }).innerText()).trim()).toBe("");

      // Private note: shown as private, not as a reply.
      await page.getByRole("tab", { name: "Private note" }).click();
      await page.getByLabel("Message", { exact: true }).fill("Carrier says it is stuck in customs");
      await page.getByRole("button", { name: "Send" }).click();
      const note = threadItem(page, "Private note from Alice Admin", "stuck in customs");
      await note.waitFor();
      expect(await note.textContent()).toContain("Private note");
      expect(await threadItem(page, "Reply from Alice Admin", "stuck in customs").count()).toBe(0);

      // Resolve: the status shows resolved and the activity line appears.
      await page.getByRole("button", { name: "Resolve" }).click();
      await page.getByText("Alice Admin resolved the conversation").waitFor();
      await page.getByLabel("Conversation status").getByText("Resolved").waitFor();
      await page.getByRole("button", { name: "Reopen" }).waitFor();

      // Reassign to another agent of the inbox: the assignee is shown and the change recorded.
      await page.getByLabel("Assignee", { exact: true }).selectOption({ label: "Bob Agent" });
      await page.getByText("Alice Admin assigned this conversation to Bob Agent").waitFor();
      await page.reload();
      expect(await page.getByLabel("Assignee", { exact: true }).locator("option:checked").textContent()).toBe("Bob Agent");
      // Only the inbox's members can be picked.
      const choices = await page.getByLabel("Assignee", { exact: true }).locator("option").allTextContents();
      expect(choices).toEqual(["Unassigned", "Alice Admin", "Bob Agent"]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("shows an agent only the conversations of their inboxes, and a not-found page for others", async () => {
    const { bob, secret } = await seedInbox(app());
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, bob.email, bob.password);
      await page.goto(`${app().url}/app/accounts/${bob.accountId}/conversations?assignee_type=all`);
      await page.getByRole("link", { name: /Maria Garcia/ }).waitFor();
      expect(await page.getByText("A VIP-only question").count()).toBe(0);

      await page.goto(`${app().url}/app/accounts/${bob.accountId}/conversations/${secret.displayId}`);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();

      // Settings are read-only for agents.
      await page.goto(`${app().url}/app/accounts/${bob.accountId}/settings/agents`);
      await page.getByText("Administrators only.").waitFor();
      expect(await page.getByRole("button", { name: "Add agent" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("marks a conversation pending and snoozes it from the status menu", async () => {
    const { admin, order } = await seedInbox(app());
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${order.displayId}`);
      await page.getByLabel("More status actions").click();
      await page.getByRole("button", { name: "Mark as pending" }).click();
      await page.getByText("Alice Admin marked the conversation as pending").waitFor();
      await page.getByLabel("Conversation status").getByText("Pending").waitFor();

      await page.getByLabel("More status actions").click();
      await page.getByRole("button", { name: /Snooze until tomorrow/ }).click();
      await page.getByText("Alice Admin snoozed the conversation").waitFor();
      await page.getByLabel("Conversation status").getByText("Snoozed").waitFor();
      await page.getByText(/Snoozed until/).first().waitFor();
      await page.getByRole("button", { name: "Reopen" }).click();
      await page.getByText("Alice Admin reopened the conversation").waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it("finds a contact, opens their page and their conversation", async () => {
    const { admin, order } = await seedInbox(app());
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, admin.email, admin.password);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
      await page.getByLabel("Search contacts").fill("garc");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === "garc");
      await page.getByRole("link", { name: "Maria Garcia" }).waitFor();
      expect(await page.getByRole("link", { name: "Victor Vip" }).count()).toBe(0);

      await page.getByRole("link", { name: "Maria Garcia" }).click();
      await page.getByRole("heading", { name: "Maria Garcia" }).waitFor();
      await page.getByRole("link", { name: new RegExp(`#${order.displayId} · Support`) }).click();
      await threadItem(page, "Message from Maria Garcia", "My order has not arrived yet").waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it("invites an agent (no password shown), refuses removing yourself, and resets the API token", async () => {
    const { admin } = await seedInbox(app());
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/agents`);
      await page.getByLabel("Name").fill("Carol New");
      await page.getByLabel("Email").fill(`carol-${admin.accountId}@e2e.test`);
      await page.getByRole("button", { name: "Invite agent" }).click();
      await page.getByText(`Invitation sent to carol-${admin.accountId}@e2e.test`).waitFor();
      await page.getByText(`carol-${admin.accountId}@e2e.test`, { exact: true }).waitFor();

      await page.getByRole("button", { name: "Remove Alice Admin" }).click();
      await page.getByRole("button", { name: "Confirm remove" }).click();
      await page.getByRole("alert").filter({ hasText: "You cannot remove yourself from the account" }).waitFor();

      await page.goto(`${app().url}/app/accounts/${admin.accountId}/profile/settings`);
      // Stored hashed: the token is not on the page until it is reset, then shown this once.
      expect(await page.content()).not.toContain(admin.apiAccessToken);
      await page.getByRole("button", { name: "Reset" }).click();
      await page.getByRole("button", { name: "Yes, reset it" }).click();
      await page.getByText("Copy it now; it will not be shown again").waitFor();
      const shown = await page.getByLabel("Your new access token").inputValue();
      const [row] = await app().db.select({ hash: users.apiAccessTokenHash }).from(users).where(eq(users.id, admin.userId));
      expect(row?.hash).toBe(hashToken(shown));
      expect(shown).not.toBe(admin.apiAccessToken);
      await page.reload();
      expect(await page.content()).not.toContain(shown);
    } finally {
      await context.close();
    }
  }, 120_000);
});
