"use server";

import { z } from "zod";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { createAgentBot, deleteAgentBot, resetAgentBotAccessToken, updateAgentBot } from "@/lib/agent-bots/manage-bots";
import { serverAction } from "../action";

const id = z.number().int().positive();

/** Settings → Bots (administrators; the domain checks). The access token is returned once. */
export const createAgentBotAction = serverAction(
  z.object({ accountId: id, name: z.string().max(255), description: z.string().max(2000), outgoingUrl: z.string().max(2048), avatarUrl: z.string().max(2048) }),
  async ({ db, actor }, { accountId, name, description, outgoingUrl, avatarUrl }) => {
    const bot = await createAgentBot(db, actor, accountId, { name, description, outgoing_url: outgoingUrl, avatar_url: avatarUrl });
    return { id: bot.id, accessToken: bot.accessToken ?? "" };
  },
);

/** Edits a bot's name, description and outgoing URL (same checks as on create; blank clears). */
export const updateAgentBotAction = serverAction(
  z.object({ accountId: id, botId: id, name: z.string().max(255), description: z.string().max(2000), outgoingUrl: z.string().max(2048) }),
  async ({ db, actor }, { accountId, botId, name, description, outgoingUrl }) => {
    await updateAgentBot(db, actor, accountId, botId, { name, description, outgoing_url: outgoingUrl });
    return null;
  },
);

export const resetAgentBotTokenAction = serverAction(z.object({ accountId: id, botId: id }), async ({ db, actor }, { accountId, botId }) => {
  const bot = await resetAgentBotAccessToken(db, actor, accountId, botId);
  return { accessToken: bot.accessToken ?? "" };
});

export const deleteAgentBotAction = serverAction(z.object({ accountId: id, botId: id }), async ({ db, actor }, { accountId, botId }) => {
  await deleteAgentBot(db, actor, accountId, botId);
  return null;
});

/** Connects a bot to an inbox (replacing another), or disconnects the inbox's bot with null. */
export const setInboxAgentBotAction = serverAction(z.object({ accountId: id, inboxId: id, botId: id.nullable() }), async ({ db, actor }, { accountId, inboxId, botId }) => {
  await setInboxAgentBot(db, actor, accountId, inboxId, botId);
  return null;
});
