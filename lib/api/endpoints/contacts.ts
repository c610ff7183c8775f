import { z } from "zod";
import { contactInboxResponse, contactListResponse, contactResponse, conversationResponse, payloadOf } from "../responses";
import { accountParams, defineEndpoint, idParam, queryBoolean } from "../endpoint";

const contactParams = accountParams.extend({ id: idParam });
// Strict: a filter the list does not know is refused (422), never silently ignored.
const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).optional(),
    sort: z.string().optional(),
    include_contact_inboxes: queryBoolean.optional().describe("Each contact's contact_inboxes (default true, as Chatwoot)"),
  })
  .strict();
const fields = {
  name: z.string().optional(),
  email: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  identifier: z.string().nullable().optional(),
  avatar_url: z.string().nullable().optional(),
  additional_attributes: z.record(z.string(), z.unknown()).optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
  blocked: z.boolean().optional().describe("A blocked contact's mail is stored but opens no conversation"),
};

export const listContactsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/contacts",
  summary:
    "List contacts, 15 per page; sort by name, email, phone_number, last_activity_at or created_at (prefix - for descending). " +
    "meta.count stops at 15,000 (every row a client can page to): 15,000 means at least that many",
  tag: "Contacts",
  params: accountParams,
  query: listQuery,
  responds: "{ meta: { count, current_page }, payload: contact[] }",
  response: contactListResponse,
});

export const searchContactsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/contacts/search",
  summary:
    "Search contacts by name, email, phone number or identifier (substring from 3 characters, prefix below). " +
    "meta.count stops at 1,000: 1,000 means at least that many",
  tag: "Contacts",
  params: accountParams,
  query: listQuery.extend({ q: z.string() }).strict(),
  responds: "{ meta: { count, current_page }, payload: contact[] }",
  response: contactListResponse,
});

export const createContactEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/contacts",
  summary: "Create a contact, optionally with an address (source_id) in an inbox",
  tag: "Contacts",
  params: accountParams,
  body: z.object({ inbox_id: z.number().int().positive().optional(), source_id: z.string().optional(), ...fields }),
  responds: "{ payload: { contact, contact_inbox } }",
  response: payloadOf(z.object({ contact: contactResponse, contact_inbox: contactInboxResponse.nullable() })),
});

export const getContactEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/contacts/{id}",
  summary: "Contact details",
  tag: "Contacts",
  params: contactParams,
  responds: "{ payload: contact }",
  response: payloadOf(contactResponse),
});

const updateBody = z.object(fields);
export const updateContactEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/v1/accounts/{account_id}/contacts/{id}",
  summary: "Update a contact",
  tag: "Contacts",
  params: contactParams,
  body: updateBody,
  responds: "{ payload: contact }",
  response: payloadOf(contactResponse),
});

export const patchContactEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/contacts/{id}",
  summary: "Update a contact (same as PUT)",
  tag: "Contacts",
  params: contactParams,
  body: updateBody,
  responds: "{ payload: contact }",
  response: payloadOf(contactResponse),
});

export const deleteContactEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/contacts/{id}",
  summary: "Delete a contact and their conversations (administrators)",
  tag: "Contacts",
  params: contactParams,
  responds: "empty",
});

export const contactConversationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/conversations",
  summary: "The contact's conversations the caller can see",
  tag: "Contacts",
  params: contactParams,
  responds: "{ payload: conversation[] }",
  response: payloadOf(z.array(conversationResponse)),
});

export const createContactInboxEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes",
  summary: "Give the contact an address (source_id) in an inbox",
  tag: "Contacts",
  params: contactParams,
  body: z.object({ inbox_id: z.number().int().positive(), source_id: z.string().optional() }),
  responds: "contact_inbox",
  response: contactInboxResponse,
});
