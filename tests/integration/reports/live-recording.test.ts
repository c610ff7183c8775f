import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reportingEvents } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

describe("reporting events as conversations happen", () => {
  it("an agent's reply and a resolve are recorded after their commit; a private note and a rolled-back reply are not", async () => {
    const w = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), w.account.id, w.inbox.id, { createdAt: new Date(Date.now() - 60_000), assigneeId: w.agent.id });
    await f.createMessage(db(), conversation, { createdAt: new Date(Date.now() - 60_000) });
    const agent = userActor(w.agent.id);
    const names = async () =>
      (await db().select({ name: reportingEvents.name, userId: reportingEvents.userId, value: reportingEvents.value }).from(reportingEvents)
        .where(and(eq(reportingEvents.accountId, w.account.id), eq(reportingEvents.conversationId, conversation.id)))).map((e) => e.name).sort();

    await createMessage(db(), agent, w.account.id, conversation.displayId, { content: "Only for us", private: true });
    // The note's commit derived the history so far: created and the customer's message, no response.
    expect(await names()).toEqual(["conversation_created", "message_incoming"]);

    await expect(
      db().transaction(async (tx) => {
        await createMessage(tx, agent, w.account.id, conversation.displayId, { content: "Never sent" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await names()).toEqual(["conversation_created", "message_incoming"]);

    await createMessage(db(), agent, w.account.id, conversation.displayId, { content: "Hello!" });
    await toggleStatus(db(), agent, w.account.id, conversation.displayId, { status: "resolved" });
    expect(await names()).toEqual(["conversation_created", "conversation_resolved", "first_response", "message_incoming", "message_outgoing", "reply_time"]);
    const [first] = await db().select().from(reportingEvents).where(and(eq(reportingEvents.conversationId, conversation.id), eq(reportingEvents.name, "first_response")));
    expect(first.userId).toBe(w.agent.id);
    expect(first.value).toBeGreaterThanOrEqual(59);
    expect(first.value).toBeLessThan(120);
  });
});
