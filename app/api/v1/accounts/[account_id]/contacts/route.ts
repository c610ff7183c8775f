import { createContactEndpoint, listContactsEndpoint } from "@/lib/api/endpoints/contacts";
import { contactFieldsFromApi } from "@/lib/api/contact-fields";
import { apiRoute } from "@/lib/api/handler";
import { serializeContact } from "@/lib/api/serializers/contact";
import { serializeContactInbox } from "@/lib/api/serializers/contact-inbox";
import { createContactWithInbox } from "@/lib/contacts/contact-inboxes";
import { listContacts } from "@/lib/contacts/contacts";

export const GET = apiRoute(listContactsEndpoint, async ({ db, actor, params, query }) => {
  const page = await listContacts(db, actor, params.account_id, { ...query, includeContactInboxes: query.include_contact_inboxes ?? true });
  return { meta: { count: page.count, current_page: page.page }, payload: page.contacts.map((c) => serializeContact(c, page.contactInboxes?.get(c.id))) };
});

export const POST = apiRoute(createContactEndpoint, async ({ db, actor, params, body }) => {
  const { contact, contactInbox } = await createContactWithInbox(db, actor, params.account_id, {
    ...contactFieldsFromApi(body),
    inboxId: body.inbox_id,
    sourceId: body.source_id,
  });
  return { payload: { contact: serializeContact(contact, contactInbox ? [contactInbox] : []), contact_inbox: contactInbox ? serializeContactInbox(contactInbox) : null } };
});
