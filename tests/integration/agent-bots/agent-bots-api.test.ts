import { beforeAll, describe, expect, it } from "vitest";
import * as agentBot from "@/app/api/v1/accounts/[account_id]/agent_bots/[id]/route";
import * as resetToken from "@/app/api/v1/accounts/[account_id]/agent_bots/[id]/reset_access_token/route";
import * as agentBots from "@/app/api/v1/accounts/[account_id]/agent_bots/route";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as toggleStatus from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_status/route";
import * as conversations from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as inboxBot from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/agent_bot/route";
import * as setAgentBot from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/set_agent_bot/route";
import * as agents from "@/app/api/v1/accounts/[account_id]/agents/route";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "agent-bots-test-key"));

async function botInInbox() {
  const ws = await f.createWorkspace(db());
  const created = await call(agentBots.POST, {
    token: ws.admin.apiAccessToken,
    params: { account_id: ws.account.id },
    body: { name: "Triage Bot", description: "Answers first", outgoing_url: "https://bot.example.com/hook", avatar_url: "https://bot.example.com/a.png", bot_type: 0, bot_config: {} },
  });
  expect(created.status).toBe(200);
  const connected = await call(setAgentBot.POST, { token: ws.admin.apiAccessToken, params: { account_id: ws.account.id, id: ws.inbox.id }, body: { agent_bot: created.body.id } });
  expect(connected.status).toBe(204);
  return { ...ws, bot: created.body, botToken: created.body.access_token as string };
}

describe("agent bots through the Application API", () => {
  it("administrators create, list, update and delete bots in Chatwoot's shape; agents see them without token or secret", async () => {
    const { account, admin, agent, bot } = await botInInbox();
    expect(bot).toMatchObject({
      name: "Triage Bot",
      description: "Answers first",
      outgoing_url: "https://bot.example.com/hook",
      thumbnail: "https://bot.example.com/a.png",
      bot_type: "webhook",
      bot_config: {},
      account_id: account.id,
      system_bot: false,
      access_token: expect.any(String),
      secret: expect.any(String),
    });
    const params = { account_id: account.id };
    const listed = await call(agentBots.GET, { token: admin.apiAccessToken, params });
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].access_token).toBeNull();
    const forAgent = await call(agentBots.GET, { token: agent.apiAccessToken, params });
    expect(forAgent.body[0]).not.toHaveProperty("secret");
    expect((await call(agentBots.POST, { token: agent.apiAccessToken, params, body: { name: "Mine" } })).status).toBe(403);

    const patched = await call(agentBot.PATCH, { token: admin.apiAccessToken, params: { ...params, id: bot.id }, body: { agent_bot: { name: "Renamed", bot_config: '{"lang":"fr"}' } } });
    expect(patched.body).toMatchObject({ name: "Renamed", bot_config: { lang: "fr" } });
    expect((await call(agentBots.POST, { token: admin.apiAccessToken, params, body: { name: "Bad", outgoing_url: "ftp://x.example.com" } })).status).toBe(422);

    expect((await call(inboxBot.GET, { token: admin.apiAccessToken, params: { ...params, id: (await f.createInbox(db(), account.id)).id } })).body).toEqual({});
    expect((await call(agentBot.DELETE, { token: admin.apiAccessToken, params: { ...params, id: bot.id } })).status).toBe(200);
    expect((await call(agentBots.GET, { token: admin.apiAccessToken, params })).body).toEqual([]);
  });

  it("refuses an outgoing URL the outbound policy refuses", async () => {
    const { account, admin } = await f.createWorkspace(db());
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "false");
    try {
      const res = await call(agentBots.POST, { token: admin.apiAccessToken, params: { account_id: account.id }, body: { name: "B", outgoing_url: "http://169.254.169.254/latest" } });
      expect(res.status).toBe(422);
    } finally {
      setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    }
  });

  it("the bot's token replies as the bot on its inbox, and is refused on other inboxes, other accounts and admin endpoints", async () => {
    const { account, admin, inbox, bot, botToken } = await botInInbox();
    expect((await call(inboxBot.GET, { token: admin.apiAccessToken, params: { account_id: account.id, id: inbox.id } })).body).toMatchObject({ id: bot.id, name: "Triage Bot" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { status: "pending" });
    const params = { account_id: account.id, conversation_id: conv.displayId };

    const reply = await call(messages.POST, { token: botToken, params, body: { content: "Hi, I am a bot", message_type: "outgoing" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ sender_type: "AgentBot", sender_id: bot.id, sender: { id: bot.id, name: "Triage Bot", type: "agent_bot", thumbnail: "https://bot.example.com/a.png" } });
    const thread = await call(messages.GET, { token: admin.apiAccessToken, params });
    expect(thread.body.payload.at(-1)).toMatchObject({ content: "Hi, I am a bot", sender_type: "AgentBot" });

    // Hands off: the activity line names the bot.
    expect((await call(toggleStatus.POST, { token: botToken, params, body: { status: "open" } })).status).toBe(200);
    const afterHandoff = await call(messages.GET, { token: admin.apiAccessToken, params });
    expect(afterHandoff.body.payload.map((m: { content: string }) => m.content)).toContain("Triage Bot reopened the conversation");

    // Another inbox of the same account: as if it did not exist.
    const other = await f.createInbox(db(), account.id);
    const otherConv = await f.createConversation(db(), account.id, other.id);
    const otherParams = { account_id: account.id, conversation_id: otherConv.displayId };
    expect((await call(messages.POST, { token: botToken, params: otherParams, body: { content: "nope" } })).status).toBe(404);
    expect((await call(conversation.GET, { token: botToken, params: otherParams })).status).toBe(404);
    // Another account (Chatwoot's cross-account bot token bug): refused.
    const elsewhere = await f.createWorkspace(db());
    const foreign = await f.createConversation(db(), elsewhere.account.id, elsewhere.inbox.id);
    expect((await call(messages.POST, { token: botToken, params: { account_id: elsewhere.account.id, conversation_id: foreign.displayId }, body: { content: "x" } })).status).toBe(404);
    expect((await call(conversation.GET, { token: botToken, params: { account_id: elsewhere.account.id, conversation_id: foreign.displayId } })).status).toBe(404);
    // Endpoints a bot does not need: 401, as for a bad token.
    expect((await call(agents.GET, { token: botToken, params: { account_id: account.id } })).status).toBe(401);
    expect((await call(agentBots.GET, { token: botToken, params: { account_id: account.id } })).status).toBe(401);
    expect((await call(conversations.GET, { token: botToken, params: { account_id: account.id } })).status).toBe(401);

    // Disconnected from the inbox: the token no longer reaches it.
    await call(setAgentBot.POST, { token: admin.apiAccessToken, params: { account_id: account.id, id: inbox.id }, body: { agent_bot: null } });
    expect((await call(messages.POST, { token: botToken, params, body: { content: "still here?" } })).status).toBe(404);
  });

  it("a reset token replaces the old one at once", async () => {
    const { account, admin, inbox, bot, botToken } = await botInInbox();
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const params = { account_id: account.id, conversation_id: conv.displayId };
    const reset = await call(resetToken.POST, { token: admin.apiAccessToken, params: { account_id: account.id, id: bot.id } });
    expect(reset.body.access_token).toEqual(expect.any(String));
    expect(reset.body.access_token).not.toBe(botToken);
    expect((await call(messages.POST, { token: botToken, params, body: { content: "old" } })).status).toBe(401);
    expect((await call(messages.POST, { token: reset.body.access_token, params, body: { content: "new" } })).status).toBe(200);
  });

  it("a bot of another account cannot be connected to an inbox", async () => {
    const mine = await f.createWorkspace(db());
    const theirs = await botInInbox();
    const res = await call(setAgentBot.POST, { token: mine.admin.apiAccessToken, params: { account_id: mine.account.id, id: mine.inbox.id }, body: { agent_bot: theirs.bot.id } });
    expect(res.status).toBe(404);
    expect((await call(setAgentBot.POST, { token: mine.agent.apiAccessToken, params: { account_id: mine.account.id, id: mine.inbox.id }, body: { agent_bot: null } })).status).toBe(403);
  });
});
