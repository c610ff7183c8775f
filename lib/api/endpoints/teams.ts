import { z } from "zod";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const tag = "Teams";
const teamParams = accountParams.extend({ id: idParam });
const memberParams = accountParams.extend({ id: idParam });
const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"])]).transform((v) => v === true || v === "true" || v === "1");
// Chatwoot requires {team: {...}}; a flat body is accepted too.
const teamBody = wrappedBody(
  "team",
  z.object({ name: z.string().optional(), description: z.string().nullable().optional(), allow_auto_assign: flag.optional() }),
);
const userIds = z.object({ user_ids: z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())) });

export const listTeamsEndpoint = defineEndpoint({ allowBots: true, method: "GET", path: "/api/v1/accounts/{account_id}/teams", summary: "List the account's teams", tag, params: accountParams, responds: "team[]" });
export const createTeamEndpoint = defineEndpoint({ method: "POST", path: "/api/v1/accounts/{account_id}/teams", summary: "Create a team (administrators): name, description, allow_auto_assign", tag, params: accountParams, body: teamBody, responds: "team" });
export const showTeamEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/teams/{id}", summary: "Show a team", tag, params: teamParams, responds: "team" });
export const updateTeamEndpoint = defineEndpoint({ method: "PATCH", path: "/api/v1/accounts/{account_id}/teams/{id}", summary: "Update a team (administrators)", tag, params: teamParams, body: teamBody, responds: "team" });
export const deleteTeamEndpoint = defineEndpoint({ method: "DELETE", path: "/api/v1/accounts/{account_id}/teams/{id}", summary: "Delete a team (administrators); its conversations keep their agents", tag, params: teamParams, responds: "empty" });

export const listTeamMembersEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/teams/{id}/team_members", summary: "A team's members", tag, params: memberParams, responds: "agent[]" });
export const addTeamMembersEndpoint = defineEndpoint({ method: "POST", path: "/api/v1/accounts/{account_id}/teams/{id}/team_members", summary: "Add the agents `user_ids` to the team (administrators)", tag, params: memberParams, body: userIds, responds: "agent[]" });
export const replaceTeamMembersEndpoint = defineEndpoint({ method: "PATCH", path: "/api/v1/accounts/{account_id}/teams/{id}/team_members", summary: "Make `user_ids` the team's members (administrators)", tag, params: memberParams, body: userIds, responds: "agent[]" });
export const removeTeamMembersEndpoint = defineEndpoint({ method: "DELETE", path: "/api/v1/accounts/{account_id}/teams/{id}/team_members", summary: "Remove the agents `user_ids` from the team (administrators)", tag, params: memberParams, body: userIds, responds: "empty" });
