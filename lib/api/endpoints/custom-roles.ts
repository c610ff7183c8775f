import { z } from "zod";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const tag = "Custom roles";
const roleParams = accountParams.extend({ id: idParam });
// `permissions` as JSON, `permissions[]=a` or repeated `permissions=a`.
const permissionList = z.preprocess((v) => (v === undefined || v === null ? v : v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const roleFields = z.object({
  name: z.string().optional(),
  description: z.string().nullable().optional(),
  permissions: permissionList.optional(),
});
// Chatwoot requires {custom_role: {...}}; a flat body is accepted too.
const roleBody = wrappedBody("custom_role", roleFields);
const what =
  "permissions: conversation_manage, conversation_unassigned_manage, conversation_participating_manage, contact_manage, report_manage, knowledge_base_manage, and ours: inbox_manage, team_manage, label_manage, integration_manage, automation_manage";

export const listCustomRolesEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/custom_roles", summary: "List the account's custom roles", tag, params: accountParams, responds: "custom_role[]" });
export const createCustomRoleEndpoint = defineEndpoint({ method: "POST", path: "/api/v1/accounts/{account_id}/custom_roles", summary: `Create a custom role (administrators): name, description, ${what}`, tag, params: accountParams, body: roleBody, responds: "custom_role" });
export const showCustomRoleEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/custom_roles/{id}", summary: "Show a custom role", tag, params: roleParams, responds: "custom_role" });
export const updateCustomRoleEndpoint = defineEndpoint({ method: "PATCH", path: "/api/v1/accounts/{account_id}/custom_roles/{id}", summary: "Update a custom role (administrators); its members see the change at once", tag, params: roleParams, body: roleBody, responds: "custom_role" });
export const deleteCustomRoleEndpoint = defineEndpoint({ method: "DELETE", path: "/api/v1/accounts/{account_id}/custom_roles/{id}", summary: "Delete a custom role (administrators); its members become agents", tag, params: roleParams, responds: "empty" });
