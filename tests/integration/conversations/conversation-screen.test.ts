import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { markReadAction } from "@/app/_server/actions/conversations";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { attachments, conversations, type Conversation } from "@/db/schema";
import { Thread } from "@/components/conversations/thread";
import { userActor } from "@/lib/auth/actor";
import { listConversations } from "@/lib/conversations/list-conversations";
import { env } from "@/lib/env";
import { loadConversationThread } from "@/lib/messages/load-conversation-thread";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

/** The open conversation: loading it only reads, marking read is its own request, and a thread costs the same queries at any size. */
const db = useTestDatabase();

// A second pool on the test database that counts the statements it sends.
let counting: { db: Db; sql: postgres.Sql; queries: number };
beforeAll(() => {
  const sql = postgres(env().DATABASE_URL ?? "", { max: 10, onnotice: () => {} });
  counting = { sql, queries: 0, db: undefined as unknown as Db };
  counting.db = drizzle(sql, { schema, casing: "snake_case", logger: { logQuery: () => void counting.queries++ } });
});
afterAll(() => counting.sql.end());

async function emailWithAttachment(conversation: Conversation, n: number) {
  const message = await f.createMessage(db(), conversation, {
    contentType: "incoming_email",
    content: `Email ${n}`,
    contentAttributes: { email: { from: ["lee@customer.test"], to: ["help@example.test"], subject: `Order ${n}`, text_content: { full: `Email ${n}` } } },
  });
  await db().insert(attachments).values({
    accountId: conversation.accountId,
    messageId: message.id,
    fileName: `invoice-${n}.pdf`,
    contentType: "application/pdf",
    byteSize: 9,
    data: Buffer.from("%PDF-1.4\n"),
  });
  return message;
}

async function seenAt(conversation: Conversation) {
  const [row] = await db()
    .select({ at: conversations.agentLastSeenAt })
    .from(conversations)
    .where(and(eq(conversations.accountId, conversation.accountId), eq(conversations.id, conversation.id)));
  return row.at;
}

describe("the conversation screen", () => {
  it("loading the open conversation changes nothing; the mark-read action reads it, for the list too", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), account.id, inbox.id);
    await f.createMessage(db(), conversation, { content: "Where is my order?" });
    const actor = userActor(agent.id);

    const loaded = await loadConversationThread(db(), actor, account.id, conversation.displayId);
    await loadConversationThread(db(), actor, account.id, conversation.displayId);
    expect(loaded.messages.map((m) => m.content)).toEqual(["Where is my order?"]);
    expect(loaded.conversation.unreadCount).toBe(1);
    expect(await seenAt(conversation)).toBeNull();

    const result = await runActionAs(markReadAction, { actor, userId: agent.id }, { accountId: account.id, displayId: conversation.displayId });
    expect(result.ok).toBe(true);
    expect(await seenAt(conversation)).not.toBeNull();
    const list = await listConversations(db(), actor, account.id, { status: "open", assigneeType: "all" });
    expect(list.conversations.find((c) => c.id === conversation.id)?.unreadCount).toBe(0);
  });

  it("loads the attachments of every email in the thread at once: the same number of queries for 1 email as for 8", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const actor = userActor(agent.id);
    const small = await f.createConversation(db(), account.id, inbox.id);
    await emailWithAttachment(small, 1);
    const large = await f.createConversation(db(), account.id, inbox.id);
    for (let n = 1; n <= 8; n++) await emailWithAttachment(large, n);

    const queriesFor = async (c: Conversation) => {
      const before = counting.queries;
      const thread = await loadConversationThread(counting.db, actor, account.id, c.displayId);
      return { thread, queries: counting.queries - before };
    };
    const one = await queriesFor(small);
    const eight = await queriesFor(large);
    expect(eight.thread.messages).toHaveLength(8);
    expect(eight.queries).toBe(one.queries);

    // The thread shows each email's attachment from what the loader brought; no component reads the database.
    const markup = renderToStaticMarkup(
      createElement(Thread, { messages: eight.thread.messages, attachments: eight.thread.attachments, contactName: "Lee", baseUrl: "http://app.test" }),
    );
    for (let n = 1; n <= 8; n++) expect(markup).toContain(`invoice-${n}.pdf`);
  });
});
