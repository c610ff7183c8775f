import { z } from "zod";
import { agentResponse, contactResponse } from "../responses";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

// The folder of contacts/{id} names the contact `id`, so a note is `note_id`.
const contactParams = accountParams.extend({ id: idParam });
const noteParams = contactParams.extend({ note_id: idParam });
const noteBody = wrappedBody("note", z.object({ content: z.string() }));

export const noteResponse = z.object({
  id: z.number().int(),
  content: z.string(),
  account_id: z.number().int(),
  contact_id: z.number().int(),
  user: agentResponse.optional().describe("The author; absent when they left the account"),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});

export const listNotesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/notes",
  summary: "The contact's notes, newest first",
  tag: "Contact notes",
  params: contactParams,
  responds: "note[]",
  response: z.array(noteResponse),
});

export const createNoteEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/notes",
  summary: "Add a note to the contact",
  tag: "Contact notes",
  params: contactParams,
  body: noteBody,
  responds: "note",
  response: noteResponse,
});

export const getNoteEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/notes/{note_id}",
  summary: "One note",
  tag: "Contact notes",
  params: noteParams,
  responds: "note",
  response: noteResponse,
});

export const updateNoteEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/notes/{note_id}",
  summary: "Change a note (its author or an administrator)",
  tag: "Contact notes",
  params: noteParams,
  body: noteBody,
  responds: "note",
  response: noteResponse,
});

export const deleteNoteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/accounts/{account_id}/contacts/{id}/notes/{note_id}",
  summary: "Delete a note (its author or an administrator)",
  tag: "Contact notes",
  params: noteParams,
  responds: "empty",
});

export const contactMergeEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/actions/contact_merge",
  summary:
    "Merge mergee_contact_id into base_contact_id in one transaction: conversations, addresses, messages, Cc and notes move; " +
    "the base takes the mergee's email, phone, identifier and attributes it lacks; the mergee is deleted",
  tag: "Contacts",
  params: accountParams,
  body: z.object({ base_contact_id: z.coerce.number().int().positive(), mergee_contact_id: z.coerce.number().int().positive() }),
  responds: "the base contact",
  response: contactResponse,
});
