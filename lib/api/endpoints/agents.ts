import { z } from "zod";
import { agentResponse } from "../responses";
import { accountParams, defineEndpoint, idParam } from "../endpoint";

const role = z.enum(["agent", "administrator"]);
const availability = z.enum(["online", "busy", "offline"]);
const agentParams = accountParams.extend({ id: idParam });

export const listAgentsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/agents",
  summary: "List the account's agents",
  tag: "Agents",
  params: accountParams,
  responds: "agent[]",
  response: z.array(agentResponse),
});

export const createAgentEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/agents",
  summary: "Add an agent (administrators); a new user gets a generated password, returned once as `password`",
  tag: "Agents",
  params: accountParams,
  body: z.object({
    name: z.string(),
    email: z.string(),
    role: role.default("agent"),
    availability: availability.optional(),
    auto_offline: z.boolean().optional(),
  }),
  responds: "agent",
  response: agentResponse.extend({
    password: z.string().optional().describe("Only when a new user was created: their generated password, shown this once"),
  }),
});

export const updateAgentEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/agents/{id}",
  summary: "Update an agent's role, availability or name",
  tag: "Agents",
  params: agentParams,
  body: z.object({
    name: z.string().optional(),
    role: role.optional(),
    availability: availability.optional(),
    auto_offline: z.boolean().optional(),
  }),
  responds: "agent",
  response: agentResponse,
});

export const deleteAgentEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/agents/{id}",
  summary: "Remove an agent from the account (administrators; not yourself, not the last administrator)",
  tag: "Agents",
  params: agentParams,
  responds: "empty",
});
