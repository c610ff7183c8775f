import { z } from "zod";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";
import { conversationParams } from "./conversations";

const tag = "Custom attributes";
const definitionParams = accountParams.extend({ id: idParam });
const enumValue = z.union([z.string(), z.number().int()]);
// Chatwoot requires {custom_attribute_definition: {...}}; a flat body is accepted too.
const definitionBody = wrappedBody(
  "custom_attribute_definition",
  z.object({
    attribute_display_name: z.string().optional(),
    attribute_key: z.string().optional(),
    attribute_model: enumValue.optional(),
    attribute_display_type: enumValue.optional(),
    attribute_description: z.string().nullable().optional(),
    attribute_values: z.preprocess((v) => (v === undefined || v === null || v === "" ? undefined : Array.isArray(v) ? v : [v]), z.array(z.string()).optional()),
    regex_pattern: z.string().nullable().optional(),
    regex_cue: z.string().nullable().optional(),
  }),
);

export const listDefinitionsEndpoint = defineEndpoint({ allowBots: true, method: "GET", path: "/api/v1/accounts/{account_id}/custom_attribute_definitions", summary: "List custom attribute definitions; attribute_model (0 or conversation_attribute, 1 or contact_attribute) narrows", tag, params: accountParams, query: z.object({ attribute_model: enumValue.optional() }), responds: "custom_attribute_definition[]" });
export const createDefinitionEndpoint = defineEndpoint({ method: "POST", path: "/api/v1/accounts/{account_id}/custom_attribute_definitions", summary: "Create a custom attribute definition (administrators)", tag, params: accountParams, body: definitionBody, responds: "custom_attribute_definition" });
export const showDefinitionEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", summary: "Show a custom attribute definition", tag, params: definitionParams, responds: "custom_attribute_definition" });
export const updateDefinitionEndpoint = defineEndpoint({ method: "PATCH", path: "/api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", summary: "Update a custom attribute definition (administrators); key and model stay", tag, params: definitionParams, body: definitionBody, responds: "custom_attribute_definition" });
export const deleteDefinitionEndpoint = defineEndpoint({ method: "DELETE", path: "/api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", summary: "Delete a custom attribute definition (administrators); stored values stay", tag, params: definitionParams, status: 204, responds: "empty" });

export const setConversationAttributesEndpoint = defineEndpoint({
  allowBots: true,
  method: "POST",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/custom_attributes",
  summary: "Replace a conversation's custom_attributes (merge=true keeps the keys not sent)",
  tag,
  params: conversationParams,
  body: z.object({
    custom_attributes: z.record(z.string(), z.unknown()),
    merge: z.union([z.boolean(), z.enum(["true", "false", "1", "0"])]).transform((v) => v === true || v === "true" || v === "1").optional(),
  }),
  responds: "{custom_attributes}",
});
