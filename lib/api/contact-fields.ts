/** Maps Chatwoot's snake_case contact fields to the domain's input. */
export function contactFieldsFromApi(body: {
  name?: string;
  email?: string | null;
  phone_number?: string | null;
  identifier?: string | null;
  avatar_url?: string | null;
  additional_attributes?: Record<string, unknown>;
  custom_attributes?: Record<string, unknown>;
  blocked?: boolean;
}) {
  return {
    name: body.name,
    email: body.email,
    phoneNumber: body.phone_number,
    identifier: body.identifier,
    thumbnail: body.avatar_url,
    additionalAttributes: body.additional_attributes,
    customAttributes: body.custom_attributes,
    blocked: body.blocked,
  };
}
