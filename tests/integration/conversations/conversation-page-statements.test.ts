import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, getGenericPlanSql } from "@/db/client";
import { contactLabels, contacts, labels } from "@/db/schema";
import * as f from "@/tests/factories";
import { userActor } from "@/lib/auth/actor";
import { loadConversationThread } from "@/lib/messages/load-conversation-thread";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow } from "@/tests/support/email-inbox";
import { longestChain, useSlowWire } from "@/tests/support/slow-wire";
import { useWireRecording } from "@/tests/support/wire-recording";

// The loaders are server-only modules; here they run in Node as the server would run them.
vi.mock("server-only", () => ({}));

const { accountContextFor } = await import("@/app/_server/account-context");
const { loadConversationsScreen } = await import("@/app/(dashboard)/app/accounts/[accountId]/_conversations/load-screen");

/**
 * The open conversation's screen, counted on a slow wire: every answer of the database is held
 * 200 ms, so the screen's time is its number of round trips waited one after the other. It needs
 * three: the caller's access (with the profile), the conversation they may see, then everything
 * the thread, the contact panel and the composer show, in parallel. (The account layout's reads
 * run beside it from the same access check.)
 */
const db = useTestDatabase();
const record = useWireRecording();
const wire = useSlowWire(200);

/** Opens as many pool connections as a page uses, so no statement waits for a new connection's handshake. */
const warmPool = () =>
  Promise.all([
    ...Array.from({ length: 10 }, () => getDb().execute(sql`select pg_sleep(0.05)`)),
    // The list's batched read runs on the generic-plan pool (lib/request-batch.ts).
    ...Array.from({ length: 3 }, () => getGenericPlanSql()`select pg_sleep(0.05)`),
  ]);

type Screen = Awaited<ReturnType<typeof loadConversationsScreen>>;

async function openPage(userId: number, accountId: number, displayId: number) {
  let screen: Screen | undefined;
  const statements = await record(
    () =>
      wire.slow(async () => {
        const ctx = await accountContextFor({ actor: { kind: "user", userId }, userId }, String(accountId));
        screen = await loadConversationsScreen(ctx, { accountId: String(accountId), displayId: String(displayId) }, {});
      }),
    { appOnly: true },
  );
  if (!screen) throw new Error("the screen did not load");
  expect(screen.thread?.conversation.displayId).toBe(displayId);
  const chain = longestChain(statements, wire.delayMs);
  return { screen, statements, chain, describe: () => chain.map((s) => s.text.replace(/\s+/g, " ").slice(0, 120)).join("\n") };
}

describe("the conversation page's round trips", () => {
  it("an API inbox's conversation: three round trips one after the other, whatever the thread holds", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    const earlier = await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, status: "resolved" });
    await f.createMessage(db(), earlier, { content: "An earlier question" });
    const conversation = await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, assigneeId: w.agent.id });
    for (let i = 0; i < 4; i++) await f.createMessage(db(), conversation);
    await warmPool();
    const [label] = await db().insert(labels).values({ accountId: w.account.id, title: "vip" }).returning();
    await db().insert(contactLabels).values({ accountId: w.account.id, contactId: contact.id, labelId: label.id });
    await db().update(contacts).set({ customAttributes: { plan: "gold" } }).where(eq(contacts.id, contact.id));
    for (const user of [w.admin, w.agent]) {
      const page = await openPage(user.id, w.account.id, conversation.displayId);
      expect(page.chain.length, page.describe()).toBeLessThanOrEqual(3);
      // What the reads brought: the thread, the contact's other conversation, labels and attributes.
      expect(page.screen.thread?.messages).toHaveLength(4);
      expect(page.screen.thread?.conversation.id).toBe(conversation.id);
      expect(page.screen.thread?.previous.map((c) => c.id)).toEqual([earlier.id]);
      expect(page.screen.organize.contact).toEqual({ id: contact.id, labels: ["vip"], customAttributes: { plan: "gold" } });
      // The conversation is looked up once (its visibility), not again by each part of the page.
      expect(page.statements.filter((s) => /^select .* from "conversations" where .*"display_id" = /.test(s.text.trim()))).toHaveLength(1);
    }
  });

  it("an email conversation (reply recipients, signature, the inbox's addresses): three round trips too", async () => {
    const w = await f.createWorkspace(db());
    const { inbox, channel } = await createEmailInboxRow(db(), w.account.id);
    await f.addInboxMember(db(), w.account.id, inbox.id, w.agent.id);
    const conversation = await f.createConversation(db(), w.account.id, inbox.id, { assigneeId: w.agent.id });
    await f.createMessage(db(), conversation, { contentType: "incoming_email", contentAttributes: { email: { from: ["lee@customer.test"], to: [channel.email], cc: ["sam@customer.test"] } } });
    await warmPool();
    const page = await openPage(w.agent.id, w.account.id, conversation.displayId);
    expect(page.chain.length, page.describe()).toBeLessThanOrEqual(3);
    // Reply all: the sender and the Cc, never the inbox's own address.
    expect(page.screen.thread?.recipients?.replyAll).toEqual({ to: ["lee@customer.test"], cc: ["sam@customer.test"] });
    expect(page.statements.filter((s) => /^select .* from "conversations" where .*"display_id" = /.test(s.text.trim()))).toHaveLength(1);
  });

  it("the contact panel's other conversations: the newest five the viewer sees, whichever conversation is open", async () => {
    const w = await f.createWorkspace(db());
    const hidden = await f.createInbox(db(), w.account.id, { name: "Elsewhere" });
    const contact = await f.createContact(db(), w.account.id);
    const at = (minutes: number) => new Date(Date.parse("2026-03-01T12:00:00Z") + minutes * 60_000);
    const oldest = await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, lastActivityAt: at(0) });
    const others = [];
    for (let i = 1; i <= 6; i++) others.push(await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id, lastActivityAt: at(i) }));
    // Newest of all, in an inbox the agent is not a member of.
    await f.createConversation(db(), w.account.id, hidden.id, { contactId: contact.id, lastActivityAt: at(10) });
    const thread = await loadConversationThread(db(), userActor(w.agent.id), w.account.id, oldest.displayId);
    expect(thread.conversation.id).toBe(oldest.id);
    expect(thread.previous.map((c) => c.id)).toEqual(others.slice(1).reverse().map((c) => c.id));
    const newest = await loadConversationThread(db(), userActor(w.agent.id), w.account.id, others[5].displayId);
    expect(newest.conversation.id).toBe(others[5].id);
    expect(newest.previous.map((c) => c.id)).toEqual(others.slice(0, 5).reverse().map((c) => c.id));
  });
});
