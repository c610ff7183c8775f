import { deleteMacroEndpoint, putMacroEndpoint, showMacroEndpoint, updateMacroEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeMacro } from "@/lib/api/serializers/automation";
import { deleteMacro, getMacro, updateMacro, withAuthors, type MacroInput } from "@/lib/automation/macros";

export const GET = apiRoute(showMacroEndpoint, async ({ db, actor, params }) => {
  const [macro] = await withAuthors(db, params.account_id, [await getMacro(db, actor, params.account_id, params.id)]);
  return { payload: serializeMacro(macro) };
});

export const PATCH = apiRoute(updateMacroEndpoint, async ({ db, actor, params, body }) => {
  const [macro] = await withAuthors(db, params.account_id, [await updateMacro(db, actor, params.account_id, params.id, body as Partial<MacroInput>)]);
  return { payload: serializeMacro(macro) };
});

export const PUT = apiRoute(putMacroEndpoint, async ({ db, actor, params, body }) => {
  const [macro] = await withAuthors(db, params.account_id, [await updateMacro(db, actor, params.account_id, params.id, body as Partial<MacroInput>)]);
  return { payload: serializeMacro(macro) };
});

// Chatwoot answers 200 with an empty body.
export const DELETE = apiRoute(deleteMacroEndpoint, async ({ db, actor, params }) => {
  await deleteMacro(db, actor, params.account_id, params.id);
});
