import { attachRuleFileEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeMacroFile } from "@/lib/api/serializers/automation";
import { stageRuleFile } from "@/lib/automation/rule-files";

/** Chatwoot's attach_file for rules: the file is kept for the rule that will name `blob_id`. */
export const POST = apiRoute(attachRuleFileEndpoint, async ({ db, actor, params, body }) => {
  const file = body.attachment;
  const staged = await stageRuleFile(db, actor, params.account_id, { fileName: file.name, contentType: file.type, data: Buffer.from(await file.arrayBuffer()) });
  const { file_url } = serializeMacroFile(params.account_id, null, staged);
  return { blob_key: staged.key, blob_id: staged.id, file_url };
});
