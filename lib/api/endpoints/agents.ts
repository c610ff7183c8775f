import { z } from "zod";
import { agentResponse, invitedAgentResponse } from "../responses";
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
  summary:
    "Invite an agent (administrators). The address gets an email with a link; they become a member when they accept (an existing user signs in, a new one chooses a password). The answer is the same whether or not the address already has a Postdesk user.",
  tag: "Agents",
  params: accountParams,
  body: z.object({
    name: z.string(),
    email: z.string(),
    role: role.default("agent"),
    custom_role_id: z.coerce.number().int().positive().nullable().optional(),
  }),
  responds: "agent",
  response: invitedAgentResponse,
});

export const updateAgentEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/agents/{id}",
  summary: "Update an agent's role, custom role or availability. `name` belongs to the user: a different name for anyone but yourself is refused (403)",
  tag: "Agents",
  params: agentParams,
  body: z.object({
    name: z.string().optional(),
    role: role.optional(),
    /** A custom role of the account (the agent gets its permissions), or null for none. */
    custom_role_id: z.coerce.number().int().positive().nullable().optional(),
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
