import { filterContactsEndpoint } from "@/lib/api/endpoints/filters";
import { apiRoute } from "@/lib/api/handler";
import { serializeContact } from "@/lib/api/serializers/contact";
import { filterContacts } from "@/lib/contacts/filter/filter-contacts";

export const POST = apiRoute(filterContactsEndpoint, async ({ db, actor, params, query, body }) => {
  const page = await filterContacts(db, actor, params.account_id, {
    payload: body.payload,
    page: body.page ?? query.page,
    ...(body.sort ? { sort: body.sort } : {}),
    includeContactInboxes: true,
  });
  return { meta: { count: page.count, current_page: page.page }, payload: page.contacts.map((c) => serializeContact(c, page.contactInboxes?.get(c.id))) };
});
