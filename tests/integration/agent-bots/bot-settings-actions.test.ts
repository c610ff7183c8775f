import { beforeAll, describe, expect, it } from "vitest";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import { runActionAs } from "@/app/_server/action";
import { createAgentBotAction, deleteAgentBotAction, resetAgentBotTokenAction, setInboxAgentBotAction } from "@/app/_server/actions/agent-bots";
import { userActor } from "@/lib/auth/actor";
import { getInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { listAgentBots } from "@/lib/agent-bots/manage-bots";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

/**
 * Settings → Bots' server actions: an administrator creates a bot (its token shown once, and it
 * works), connects it to an inbox and disconnects it, resets the token (the old one stops working),
 * and deletes the bot; an agent can do none of it.
 */
const db = useTestDatabase();
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "bot-settings-test-key"));
const as = (userId: number) => ({ actor: userActor(userId), userId });

describe("Settings → Bots actions", () => {
  it("create (token once), connect, disconnect, reset token, delete; agents refused", async () => {
    const w = await f.createWorkspace(db());
    const accountId = w.account.id;
    const fields = { accountId, name: "Triage Bot", description: "Answers first", outgoingUrl: "https://bot.example.com/hook", avatarUrl: "https://bot.example.com/a.png" };
    expect((await runActionAs(createAgentBotAction, as(w.agent.id), fields)).ok).toBe(false);
    const created = await runActionAs(createAgentBotAction, as(w.admin.id), fields);
    if (!created.ok) throw new Error(created.error);
    const { id: botId, accessToken } = created.data;
    expect(accessToken.length).toBeGreaterThan(20);
    const [listed] = await listAgentBots(db(), userActor(w.admin.id), accountId);
    expect(listed).toMatchObject({ id: botId, name: "Triage Bot", description: "Answers first", outgoingUrl: "https://bot.example.com/hook", avatarUrl: "https://bot.example.com/a.png", accessToken: null });
    // The bot reads conversations of the inboxes it answers, with its token.
    const conv = await f.createConversation(db(), accountId, w.inbox.id, { status: "pending" });
    const asBot = (token: string) => call(conversation.GET, { token, params: { account_id: accountId, conversation_id: conv.displayId } });

    expect((await runActionAs(setInboxAgentBotAction, as(w.agent.id), { accountId, inboxId: w.inbox.id, botId })).ok).toBe(false);
    expect((await runActionAs(setInboxAgentBotAction, as(w.admin.id), { accountId, inboxId: w.inbox.id, botId })).ok).toBe(true);
    expect((await getInboxAgentBot(db(), userActor(w.admin.id), accountId, w.inbox.id))?.id).toBe(botId);
    expect((await asBot(accessToken)).status).toBe(200);

    expect((await runActionAs(resetAgentBotTokenAction, as(w.agent.id), { accountId, botId })).ok).toBe(false);
    const reset = await runActionAs(resetAgentBotTokenAction, as(w.admin.id), { accountId, botId });
    if (!reset.ok) throw new Error(reset.error);
    expect(reset.data.accessToken).not.toBe(accessToken);
    expect((await asBot(accessToken)).status).toBe(401);
    expect((await asBot(reset.data.accessToken)).status).toBe(200);

    expect((await runActionAs(setInboxAgentBotAction, as(w.admin.id), { accountId, inboxId: w.inbox.id, botId: null })).ok).toBe(true);
    expect(await getInboxAgentBot(db(), userActor(w.admin.id), accountId, w.inbox.id)).toBeNull();

    expect((await runActionAs(deleteAgentBotAction, as(w.agent.id), { accountId, botId })).ok).toBe(false);
    expect((await runActionAs(deleteAgentBotAction, as(w.admin.id), { accountId, botId })).ok).toBe(true);
    expect(await listAgentBots(db(), userActor(w.admin.id), accountId)).toEqual([]);
  });
});
