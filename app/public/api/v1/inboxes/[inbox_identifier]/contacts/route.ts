import { createClientContactEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientContact } from "@/lib/api/serializers/client-api";
import { createClientContact } from "@/lib/client-api/contacts";

export const POST = apiRoute(createClientContactEndpoint, async ({ db, params, body }) =>
  serializeClientContact(
    await createClientContact(db, params.inbox_identifier, {
      sourceId: body.source_id,
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
