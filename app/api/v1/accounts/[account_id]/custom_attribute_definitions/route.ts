import { createDefinitionEndpoint, listDefinitionsEndpoint } from "@/lib/api/endpoints/custom-attributes";
import { apiRoute } from "@/lib/api/handler";
import { serializeDefinition } from "@/lib/api/serializers/organize";
import { parseInput } from "@/lib/api/validation";
import { attributeModel, createDefinition, listDefinitions } from "@/lib/custom-attributes/definitions";

export const GET = apiRoute(listDefinitionsEndpoint, async ({ db, actor, params, query }) => {
  const model = query.attribute_model === undefined || query.attribute_model === "" ? undefined : parseInput(attributeModel, query.attribute_model, "api");
  return (await listDefinitions(db, actor, params.account_id, model)).map(serializeDefinition);
});

export const POST = apiRoute(createDefinitionEndpoint, async ({ db, actor, params, body }) =>
  serializeDefinition(
    await createDefinition(db, actor, params.account_id, {
      attributeDisplayName: body.attribute_display_name ?? "",
      attributeKey: body.attribute_key ?? "",
      attributeModel: body.attribute_model,
      attributeDisplayType: body.attribute_display_type,
      attributeDescription: body.attribute_description,
      attributeValues: body.attribute_values,
      regexPattern: body.regex_pattern,
      regexCue: body.regex_cue,
    } as Parameters<typeof createDefinition>[3]),
  ),
);
