import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as agentBots from "@/app/api/v1/accounts/[account_id]/agent_bots/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as toggleStatus from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_status/route";
import * as conversations from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as setAgentBot from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/set_agent_bot/route";
import { conversations as conversationRows, integrationDeliveries, notifications } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { setDeliveryTiming } from "@/lib/integrations/delivery/timing";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useJobRunner } from "@/tests/support/job-runner";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { call } from "../api/call";

const db = useTestDatabase();
useJobRunner(db);
let receiver: WebhookReceiver | undefined;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "agent-bot-handoff-test-key");
  setDeliveryTiming({ retryDelaysMs: [100, 200, 400], timeoutMs: 400 });
});
afterAll(() => setDeliveryTiming());
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A workspace whose Support inbox is answered by a bot listening on a real loopback receiver. */
async function botScenario() {
  const ws = await f.createWorkspace(db());
  receiver = await startWebhookReceiver();
  const bot = (await call(agentBots.POST, { token: ws.admin.apiAccessToken, params: { account_id: ws.account.id }, body: { name: "Triage Bot", outgoing_url: receiver.url } })).body;
  receiver.setSecrets([bot.secret]);
  await call(setAgentBot.POST, { token: ws.admin.apiAccessToken, params: { account_id: ws.account.id, id: ws.inbox.id }, body: { agent_bot: bot.id } });
  const contact = await f.createContact(db(), ws.account.id, { name: "Carol Customer" });
  return { ...ws, bot, botToken: bot.access_token as string, contact, receiver };
}

const listIds = async (token: string, accountId: number, status: string) =>
  (await call(conversations.GET, { token, params: { account_id: accountId }, query: { status } })).body.data.payload.map((c: { id: number }) => c.id);

describe("agent bot handoff", () => {
  it("pending for the bot → signed events → the bot replies as itself → hands off (agents notified) → an agent sends it back", async () => {
    const s = await botScenario();
    const account_id = s.account.id;
    const created = await call(conversations.POST, {
      token: s.agent.apiAccessToken,
      params: { account_id },
      body: { inbox_id: s.inbox.id, contact_id: s.contact.id, message: { content: "My order is late", message_type: "incoming" } },
    });
    expect(created.body.status).toBe("pending");
    const displayId = created.body.id;
    // Hidden from the agents' open list, shown under the bot's (pending).
    expect(await listIds(s.agent.apiAccessToken, account_id, "open")).not.toContain(displayId);
    expect(await listIds(s.agent.apiAccessToken, account_id, "pending")).toContain(displayId);

    await s.receiver.waitFor((r) => r.accepted.some((d) => d.payload.event === "message_created"));
    const events = s.receiver.accepted.map((d) => d.payload.event);
    expect(events.slice(0, 2)).toEqual(["conversation_created", "message_created"]);
    for (const d of s.receiver.accepted) {
      expect(d.chatwootSignatureValid).toBe(true);
      expect(d.standardSignatureValid).toBe(true);
    }
    const incoming = s.receiver.accepted.find((d) => d.payload.event === "message_created")!.payload as { content: string; conversation: { id: number; status: string } };
    expect(incoming.content).toBe("My order is late");
    expect(incoming.conversation).toMatchObject({ id: displayId, status: "pending" });

    // The bot answers through the Application API with its own token.
    const params = { account_id, conversation_id: displayId };
    const reply = await call(messages.POST, { token: s.botToken, params, body: { content: "Let me check that for you", message_type: "outgoing" } });
    expect(reply.body).toMatchObject({ sender_type: "AgentBot", sender: { name: "Triage Bot", type: "agent_bot" } });
    const thread = (await call(messages.GET, { token: s.agent.apiAccessToken, params })).body.payload;
    expect(thread.find((m: { content: string }) => m.content === "Let me check that for you")).toMatchObject({ sender_type: "AgentBot" });

    // Hands off to the humans: open, and the inbox's agent hears of it.
    expect((await call(toggleStatus.POST, { token: s.botToken, params, body: { status: "open" } })).body.payload.current_status).toBe("open");
    expect(await listIds(s.agent.apiAccessToken, account_id, "open")).toContain(displayId);
    const bell = await db().select().from(notifications).where(and(eq(notifications.userId, s.agent.id), eq(notifications.notificationType, "conversation_handoff")));
    expect(bell).toHaveLength(1);
    expect(bell[0].title).toContain("Triage Bot");

    // An agent sends it back to the bot; the bot hears of it.
    expect((await call(toggleStatus.POST, { token: s.agent.apiAccessToken, params, body: { status: "pending" } })).body.payload.current_status).toBe("pending");
    await s.receiver.waitFor((r) => r.accepted.filter((d) => d.payload.event === "conversation_status_changed").length >= 2);
    const changes = s.receiver.accepted.filter((d) => d.payload.event === "conversation_status_changed").map((d) => d.payload.status);
    expect(changes).toEqual(["open", "pending"]);
    // Only the bot of this inbox hears: a conversation in another inbox sends it nothing.
    const before = s.receiver.requests;
    const other = await f.createInbox(db(), account_id, { memberIds: [s.agent.id] });
    const elsewhere = await call(conversations.POST, { token: s.agent.apiAccessToken, params: { account_id }, body: { inbox_id: other.id, contact_id: s.contact.id } });
    expect(elsewhere.body.status).toBe("open");
    await new Promise((r) => setTimeout(r, 300));
    expect(s.receiver.requests).toBe(before);
  });

  it("a bot that keeps failing hands the conversation to humans, with an activity line saying why", async () => {
    const s = await botScenario();
    await s.receiver.setMode("error");
    const created = await call(conversations.POST, {
      token: s.agent.apiAccessToken,
      params: { account_id: s.account.id },
      body: { inbox_id: s.inbox.id, contact_id: s.contact.id, message: { content: "Anyone there?", message_type: "incoming" } },
    });
    expect(created.body.status).toBe("pending");
    const deadline = Date.now() + 20_000;
    let status = "pending";
    while (status === "pending" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      [{ status }] = await db().select({ status: conversationRows.status }).from(conversationRows).where(and(eq(conversationRows.accountId, s.account.id), eq(conversationRows.displayId, created.body.id)));
    }
    expect(status).toBe("open");
    const thread = (await call(messages.GET, { token: s.agent.apiAccessToken, params: { account_id: s.account.id, conversation_id: created.body.id } })).body.payload;
    const line = thread.find((m: { message_type: number; content: string }) => m.message_type === 2 && /did not answer/.test(m.content));
    expect(line.content).toMatch(/^Triage Bot did not answer \(.*500.*\): the conversation was handed to the team$/);
    // Three attempts per event, as Chatwoot tried bots, then nothing more.
    const deliveries = await db().select().from(integrationDeliveries).where(and(eq(integrationDeliveries.accountId, s.account.id), eq(integrationDeliveries.targetType, "agent_bot")));
    const first = deliveries.filter((d) => d.event === "conversation_created");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ status: "failed", attempts: 3 });
    const bell = await db().select().from(notifications).where(and(eq(notifications.userId, s.agent.id), eq(notifications.notificationType, "conversation_handoff")));
    expect(bell).toHaveLength(1);
  });
});
