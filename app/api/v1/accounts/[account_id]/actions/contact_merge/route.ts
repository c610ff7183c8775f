import { contactMergeEndpoint } from "@/lib/api/endpoints/contact-notes";
import { apiRoute } from "@/lib/api/handler";
import { serializeContact } from "@/lib/api/serializers/contact";
import { mergeContacts } from "@/lib/contacts/merge";

export const POST = apiRoute(contactMergeEndpoint, async ({ db, actor, params, body }) =>
  serializeContact(await mergeContacts(db, actor, params.account_id, { baseContactId: body.base_contact_id, mergeeContactId: body.mergee_contact_id })),
);
