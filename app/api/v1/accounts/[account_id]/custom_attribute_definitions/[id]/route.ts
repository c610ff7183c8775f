import { deleteDefinitionEndpoint, showDefinitionEndpoint, updateDefinitionEndpoint } from "@/lib/api/endpoints/custom-attributes";
import { apiRoute } from "@/lib/api/handler";
import { serializeDefinition } from "@/lib/api/serializers/organize";
import { deleteDefinition, getDefinition, updateDefinition } from "@/lib/custom-attributes/definitions";

export const GET = apiRoute(showDefinitionEndpoint, async ({ db, actor, params }) => serializeDefinition(await getDefinition(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateDefinitionEndpoint, async ({ db, actor, params, body }) =>
  serializeDefinition(
    await updateDefinition(db, actor, params.account_id, params.id, {
      attributeDisplayName: body.attribute_display_name,
      attributeDisplayType: body.attribute_display_type,
      attributeDescription: body.attribute_description,
      attributeValues: body.attribute_values,
      regexPattern: body.regex_pattern,
      regexCue: body.regex_cue,
    } as Parameters<typeof updateDefinition>[4]),
  ),
);

// Chatwoot answers 204 No Content.
export const DELETE = apiRoute(deleteDefinitionEndpoint, async ({ db, actor, params }) => {
  await deleteDefinition(db, actor, params.account_id, params.id);
});
