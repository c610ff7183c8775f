import { z } from "zod";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";
import { conversationParams } from "./conversations";

const tag = "Labels";
const labelParams = accountParams.extend({ id: idParam });
const contactParams = accountParams.extend({ id: idParam });
const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"])]).transform((v) => v === true || v === "true" || v === "1");
const labelFields = z.object({
  title: z.string().optional(),
  description: z.string().nullable().optional(),
  color: z.string().optional(),
  show_on_sidebar: flag.optional(),
});
// Chatwoot requires {label: {...}}; a flat body is accepted too.
const labelBody = wrappedBody("label", labelFields);
// `labels` as JSON, `labels[]=a` or repeated `labels=a`; one title alone is a list of one.
const titlesBody = z.object({ labels: z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())) });

export const listLabelsEndpoint = defineEndpoint({ allowBots: true, method: "GET", path: "/api/v1/accounts/{account_id}/labels", summary: "List the account's labels", tag, params: accountParams, responds: "{payload: label[]}" });
export const createLabelEndpoint = defineEndpoint({ method: "POST", path: "/api/v1/accounts/{account_id}/labels", summary: "Create a label (administrators): title (lower case, letters, digits, - and _), description, color, show_on_sidebar", tag, params: accountParams, body: labelBody, responds: "label" });
export const showLabelEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/labels/{id}", summary: "Show a label", tag, params: labelParams, responds: "label" });
export const updateLabelEndpoint = defineEndpoint({ method: "PATCH", path: "/api/v1/accounts/{account_id}/labels/{id}", summary: "Update a label (administrators); a new title shows on every conversation and contact at once", tag, params: labelParams, body: labelBody, responds: "label" });
export const deleteLabelEndpoint = defineEndpoint({ method: "DELETE", path: "/api/v1/accounts/{account_id}/labels/{id}", summary: "Delete a label (administrators); it leaves every conversation and contact", tag, params: labelParams, responds: "empty" });

export const listConversationLabelsEndpoint = defineEndpoint({ allowBots: true, method: "GET", path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels", summary: "A conversation's label titles", tag, params: conversationParams, responds: "{payload: string[]}" });
export const setConversationLabelsEndpoint = defineEndpoint({ allowBots: true, method: "POST", path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels", summary: "Replace a conversation's labels with `labels` (titles the account has no label for are left out)", tag, params: conversationParams, body: titlesBody, responds: "{payload: string[]}" });
export const listContactLabelsEndpoint = defineEndpoint({ allowBots: true, method: "GET", path: "/api/v1/accounts/{account_id}/contacts/{id}/labels", summary: "A contact's label titles", tag, params: contactParams, responds: "{payload: string[]}" });
export const setContactLabelsEndpoint = defineEndpoint({ allowBots: true, method: "POST", path: "/api/v1/accounts/{account_id}/contacts/{id}/labels", summary: "Replace a contact's labels with `labels`", tag, params: contactParams, body: titlesBody, responds: "{payload: string[]}" });
