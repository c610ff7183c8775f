import { searchContactsEndpoint } from "@/lib/api/endpoints/contacts";
import { apiRoute } from "@/lib/api/handler";
import { serializeContact } from "@/lib/api/serializers/contact";
import { searchContacts } from "@/lib/contacts/contacts";

export const GET = apiRoute(searchContactsEndpoint, async ({ db, actor, params, query }) => {
  const page = await searchContacts(db, actor, params.account_id, { ...query, includeContactInboxes: query.include_contact_inboxes ?? true });
  return { meta: { count: page.count, current_page: page.page }, payload: page.contacts.map((c) => serializeContact(c, page.contactInboxes?.get(c.id))) };
});
