import { createMacroEndpoint, listMacrosEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeMacro } from "@/lib/api/serializers/automation";
import { createMacro, listMacros, withAuthors, type MacroInput } from "@/lib/automation/macros";

export const GET = apiRoute(listMacrosEndpoint, async ({ db, actor, params }) => ({
  payload: (await withAuthors(db, params.account_id, await listMacros(db, actor, params.account_id))).map(serializeMacro),
}));

export const POST = apiRoute(createMacroEndpoint, async ({ db, actor, params, body }) => {
  const [macro] = await withAuthors(db, params.account_id, [await createMacro(db, actor, params.account_id, body as MacroInput)]);
  return { payload: serializeMacro(macro) };
});
