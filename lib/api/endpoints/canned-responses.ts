import { z } from "zod";
import { cannedResponseInput, cannedResponseUpdate } from "@/lib/canned-responses/manage";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const oneParams = accountParams.extend({ id: idParam });
const tag = "Canned responses";
// Chatwoot requires {canned_response: {...}}; a flat body is accepted too.
const createBody = wrappedBody("canned_response", cannedResponseInput);
const updateBody = wrappedBody("canned_response", cannedResponseUpdate);
const listQuery = z.object({ search: z.string().max(200).optional() });
const path = "/api/v1/accounts/{account_id}/canned_responses";

export const listCannedResponsesEndpoint = defineEndpoint({ method: "GET", path, summary: "List canned responses; `search` matches short code or content (short codes starting with it first)", tag, params: accountParams, query: listQuery, responds: "canned_response[]" });
export const createCannedResponseEndpoint = defineEndpoint({ method: "POST", path, summary: "Add a canned response (short_code, content); answered as {payload: canned_response}", tag, params: accountParams, body: createBody, responds: "{payload: canned_response}" });
export const updateCannedResponseEndpoint = defineEndpoint({ method: "PATCH", path: `${path}/{id}`, summary: "Update a canned response (its author or an administrator)", tag, params: oneParams, body: updateBody, responds: "canned_response" });
export const replaceCannedResponseEndpoint = defineEndpoint({ method: "PUT", path: `${path}/{id}`, summary: "Update a canned response (same as PATCH)", tag, params: oneParams, body: updateBody, responds: "canned_response" });
export const deleteCannedResponseEndpoint = defineEndpoint({ method: "DELETE", path: `${path}/{id}`, summary: "Delete a canned response (its author or an administrator)", tag, params: oneParams, responds: "empty" });
