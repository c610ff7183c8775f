import { z } from "zod";
import { agentBotInput } from "@/lib/agent-bots/bot-input";
import { platformAccountInput } from "@/lib/platform/accounts";
import { accountUserInput, platformUserInput } from "@/lib/platform/users";
import { defineEndpoint, idParam, wrappedBody } from "../endpoint";

/**
 * The Platform API (Chatwoot's /platform/api/v1): a platform app's token (made by the operator
 * CLI, `platform-app:create`) in `api_access_token`. An app sees and changes only the accounts,
 * users and agent bots it created; another app's object answers 401 "Non permissible resource".
 */
const auth = "platform" as const;
const idParams = z.object({ id: idParam });
const accountIdParams = z.object({ account_id: idParam });
// DELETE account_users: Chatwoot reads user_id from the query or the body.
const userIdField = z.object({ user_id: z.coerce.number().int().positive().optional() });
const accountBody = wrappedBody("account", platformAccountInput);
const userBody = wrappedBody("user", platformUserInput);
const botBody = wrappedBody("agent_bot", agentBotInput.extend({ account_id: z.coerce.number().int().positive().nullable().optional() }));

export const platformCreateAccountEndpoint = defineEndpoint({ method: "POST", path: "/platform/api/v1/accounts", summary: "Create an account", tag: "Platform", auth, body: accountBody, responds: "platform_account" });
export const platformShowAccountEndpoint = defineEndpoint({ method: "GET", path: "/platform/api/v1/accounts/{account_id}", summary: "Show an account", tag: "Platform", auth, params: accountIdParams, responds: "platform_account" });
export const platformUpdateAccountEndpoint = defineEndpoint({ method: "PATCH", path: "/platform/api/v1/accounts/{account_id}", summary: "Update an account", tag: "Platform", auth, params: accountIdParams, body: accountBody, responds: "platform_account" });
export const platformDeleteAccountEndpoint = defineEndpoint({ method: "DELETE", path: "/platform/api/v1/accounts/{account_id}", summary: "Delete an account and everything in it", tag: "Platform", auth, params: accountIdParams, responds: "empty" });

export const platformListAccountUsersEndpoint = defineEndpoint({ method: "GET", path: "/platform/api/v1/accounts/{account_id}/account_users", summary: "List an account's users", tag: "Platform", auth, params: accountIdParams, responds: "account_user[]" });
export const platformAddAccountUserEndpoint = defineEndpoint({ method: "POST", path: "/platform/api/v1/accounts/{account_id}/account_users", summary: "Add a user (of this app) to the account with a role, or change the role", tag: "Platform", auth, params: accountIdParams, body: accountUserInput, responds: "account_user" });
export const platformRemoveAccountUserEndpoint = defineEndpoint({ method: "DELETE", path: "/platform/api/v1/accounts/{account_id}/account_users", summary: "Remove a user from the account (user_id in the body)", tag: "Platform", auth, params: accountIdParams, query: userIdField, body: userIdField, responds: "empty" });

export const platformCreateUserEndpoint = defineEndpoint({ method: "POST", path: "/platform/api/v1/users", summary: "Create a user (an address that already has a user of another app is refused)", tag: "Platform", auth, body: userBody, responds: "user" });
export const platformShowUserEndpoint = defineEndpoint({ method: "GET", path: "/platform/api/v1/users/{id}", summary: "Show a user", tag: "Platform", auth, params: idParams, responds: "user" });
export const platformUpdateUserEndpoint = defineEndpoint({ method: "PATCH", path: "/platform/api/v1/users/{id}", summary: "Update a user (custom attributes are merged)", tag: "Platform", auth, params: idParams, body: userBody, responds: "user" });
export const platformDeleteUserEndpoint = defineEndpoint({ method: "DELETE", path: "/platform/api/v1/users/{id}", summary: "Delete a user", tag: "Platform", auth, params: idParams, responds: "empty" });
export const platformUserLoginEndpoint = defineEndpoint({ method: "GET", path: "/platform/api/v1/users/{id}/login", summary: "A one-time sign-in link for the user (works once, for 5 minutes)", tag: "Platform", auth, params: idParams, responds: "{url}" });

export const platformListBotsEndpoint = defineEndpoint({ method: "GET", path: "/platform/api/v1/agent_bots", summary: "List the app's agent bots", tag: "Platform", auth, responds: "agent_bot[]" });
export const platformCreateBotEndpoint = defineEndpoint({ method: "POST", path: "/platform/api/v1/agent_bots", summary: "Create an agent bot (account_id: an account of this app)", tag: "Platform", auth, body: botBody, responds: "agent_bot" });
export const platformShowBotEndpoint = defineEndpoint({ method: "GET", path: "/platform/api/v1/agent_bots/{id}", summary: "Show an agent bot", tag: "Platform", auth, params: idParams, responds: "agent_bot" });
export const platformUpdateBotEndpoint = defineEndpoint({ method: "PATCH", path: "/platform/api/v1/agent_bots/{id}", summary: "Update an agent bot", tag: "Platform", auth, params: idParams, body: botBody, responds: "agent_bot" });
export const platformDeleteBotEndpoint = defineEndpoint({ method: "DELETE", path: "/platform/api/v1/agent_bots/{id}", summary: "Delete an agent bot", tag: "Platform", auth, params: idParams, responds: "empty" });
