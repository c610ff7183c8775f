import { z } from "zod";
import { agentBotInput } from "@/lib/agent-bots/bot-input";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const botParams = accountParams.extend({ id: idParam });
const body = wrappedBody("agent_bot", agentBotInput);
const tag = "Agent bots";

export const listAgentBotsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/agent_bots",
  summary: "List the account's agent bots",
  tag,
  params: accountParams,
  responds: "agent_bot[]",
});

export const createAgentBotEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/agent_bots",
  summary: "Create an agent bot (administrators). The answer carries the bot's access token, shown this once",
  tag,
  params: accountParams,
  body,
  responds: "agent_bot",
});

export const showAgentBotEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/agent_bots/{id}",
  summary: "Show an agent bot",
  tag,
  params: botParams,
  responds: "agent_bot",
});

export const updateAgentBotEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/agent_bots/{id}",
  summary: "Update an agent bot (administrators)",
  tag,
  params: botParams,
  body,
  responds: "agent_bot",
});

export const deleteAgentBotEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/agent_bots/{id}",
  summary: "Delete an agent bot (administrators); it leaves its inboxes",
  tag,
  params: botParams,
  responds: "empty",
});

export const resetAgentBotTokenEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/agent_bots/{id}/reset_access_token",
  summary: "Give the bot a new access token (the old one stops working); shown this once",
  tag,
  params: botParams,
  responds: "agent_bot",
});

export const resetAgentBotSecretEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/agent_bots/{id}/reset_secret",
  summary: "Give the bot a new secret for the signatures of its events",
  tag,
  params: botParams,
  responds: "agent_bot",
});

export const setInboxAgentBotEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot",
  summary: "Connect an agent bot to the inbox, or disconnect it with agent_bot: null (administrators)",
  tag,
  params: botParams,
  body: z.object({ agent_bot: z.union([idParam, z.literal(""), z.null()]).transform((v) => (v === "" ? null : v)) }),
  status: 204,
  responds: "empty",
});

export const inboxAgentBotEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}/agent_bot",
  summary: "The agent bot connected to the inbox (an empty body when none)",
  tag,
  params: botParams,
  responds: "agent_bot",
});
