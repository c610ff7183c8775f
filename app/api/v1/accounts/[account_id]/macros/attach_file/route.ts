import { attachMacroFileEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeMacroFile } from "@/lib/api/serializers/automation";
import { stageMacroFile } from "@/lib/automation/macro-files";

/** Chatwoot's attach_file: the file is kept for the macro that will name `blob_id`. */
export const POST = apiRoute(attachMacroFileEndpoint, async ({ db, actor, params, body }) => {
  const file = body.attachment;
  const staged = await stageMacroFile(db, actor, params.account_id, { fileName: file.name, contentType: file.type, data: Buffer.from(await file.arrayBuffer()) });
  const { file_url } = serializeMacroFile(params.account_id, null, staged);
  return { blob_key: staged.key, blob_id: staged.id, file_url };
});
