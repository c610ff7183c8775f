import { deleteContactEndpoint, getContactEndpoint, patchContactEndpoint, updateContactEndpoint } from "@/lib/api/endpoints/contacts";
import { contactFieldsFromApi } from "@/lib/api/contact-fields";
import { apiRoute } from "@/lib/api/handler";
import { serializeContact } from "@/lib/api/serializers/contact";
import { deleteContact, getContactWithInboxes, updateContact } from "@/lib/contacts/contacts";

export const GET = apiRoute(getContactEndpoint, async ({ db, actor, params }) => {
  const { contact, contactInboxes } = await getContactWithInboxes(db, actor, params.account_id, params.id);
  return { payload: serializeContact(contact, contactInboxes) };
});

export const PUT = apiRoute(updateContactEndpoint, async ({ db, actor, params, body }) => ({
  payload: serializeContact(await updateContact(db, actor, params.account_id, params.id, contactFieldsFromApi(body))),
}));

export const PATCH = apiRoute(patchContactEndpoint, async ({ db, actor, params, body }) => ({
  payload: serializeContact(await updateContact(db, actor, params.account_id, params.id, contactFieldsFromApi(body))),
}));

export const DELETE = apiRoute(deleteContactEndpoint, async ({ db, actor, params }) => {
  await deleteContact(db, actor, params.account_id, params.id);
});
