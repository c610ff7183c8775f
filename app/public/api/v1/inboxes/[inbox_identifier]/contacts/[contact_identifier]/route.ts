import { getClientContactEndpoint, updateClientContactEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientContact, serializeClientContactRecord } from "@/lib/api/serializers/client-api";
import { getClientContact, updateClientContact } from "@/lib/client-api/contacts";

export const GET = apiRoute(getClientContactEndpoint, async ({ db, params, query }) =>
  serializeClientContact(
    await getClientContact(db, params.inbox_identifier, params.contact_identifier, { identifier: query.identifier, identifierHash: query.identifier_hash }),
  ),
);

export const PATCH = apiRoute(updateClientContactEndpoint, async ({ db, params, body }) =>
  serializeClientContactRecord(
    await updateClientContact(db, params.inbox_identifier, params.contact_identifier, {
      identifier: body.identifier,
      identifierHash: body.identifier_hash,
      name: body.name,
      email: body.email,
      phoneNumber: body.phone_number,
      avatarUrl: body.avatar_url,
      customAttributes: body.custom_attributes,
    }),
  ),
);
