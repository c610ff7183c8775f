import { z } from "zod";
import { agentResponse, inboxResponse, payloadOf } from "../responses";
import { accountParams, defineEndpoint, idParam } from "../endpoint";

const inboxParams = accountParams.extend({ id: idParam });

const settings = {
  greeting_enabled: z.boolean().optional(),
  greeting_message: z.string().nullable().optional(),
  enable_auto_assignment: z.boolean().optional(),
  allow_messages_after_resolved: z.boolean().optional(),
};

export const listInboxesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inboxes",
  summary: "List the inboxes the caller can see",
  tag: "Inboxes",
  params: accountParams,
  responds: "{ payload: inbox[] }",
  response: payloadOf(z.array(inboxResponse)),
});

export const getInboxEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}",
  summary: "Inbox details",
  tag: "Inboxes",
  params: inboxParams,
  responds: "inbox",
  response: inboxResponse,
});

export const createInboxEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/inboxes",
  summary: "Create an API inbox (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: z.object({
    name: z.string(),
    ...settings,
    channel: z.object({
      type: z.literal("api"),
      webhook_url: z.string().nullable().optional(),
      hmac_mandatory: z.boolean().optional(),
    }),
  }),
  responds: "inbox",
  response: inboxResponse,
});

export const updateInboxEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/inboxes/{id}",
  summary: "Update an inbox (administrators)",
  tag: "Inboxes",
  params: inboxParams,
  body: z.object({
    name: z.string().optional(),
    ...settings,
    channel: z
      .object({ webhook_url: z.string().nullable().optional(), hmac_mandatory: z.boolean().optional() })
      .optional(),
  }),
  responds: "inbox",
  response: inboxResponse,
});

const membersBody = z.object({ inbox_id: z.coerce.number().int().positive(), user_ids: z.array(z.number().int().positive()) });

export const listInboxMembersEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/inbox_members/{inbox_id}",
  summary: "List an inbox's members",
  tag: "Inboxes",
  params: accountParams.extend({ inbox_id: idParam }),
  responds: "{ payload: agent[] }",
  response: payloadOf(z.array(agentResponse)),
});

export const addInboxMembersEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/inbox_members",
  summary: "Add agents to an inbox (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: membersBody,
  responds: "{ payload: agent[] }",
  response: payloadOf(z.array(agentResponse)),
});

export const setInboxMembersEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/inbox_members",
  summary: "Replace an inbox's members with exactly these agents (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: membersBody,
  responds: "{ payload: agent[] }",
  response: payloadOf(z.array(agentResponse)),
});

export const removeInboxMembersEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/inbox_members",
  summary: "Remove agents from an inbox (administrators)",
  tag: "Inboxes",
  params: accountParams,
  body: membersBody,
  responds: "empty",
});
