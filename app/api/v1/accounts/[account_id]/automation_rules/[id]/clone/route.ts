import { cloneRuleEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeRule } from "@/lib/api/serializers/automation";
import { filesOfRules } from "@/lib/automation/rule-files";
import { cloneRule } from "@/lib/automation/rules";

export const POST = apiRoute(cloneRuleEndpoint, async ({ db, actor, params }) => {
  const copy = await cloneRule(db, actor, params.account_id, params.id);
  return serializeRule(copy, (await filesOfRules(db, params.account_id, [copy.id])).get(copy.id));
});
