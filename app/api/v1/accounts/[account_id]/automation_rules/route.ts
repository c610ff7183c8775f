import { createRuleEndpoint, listRulesEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeRule } from "@/lib/api/serializers/automation";
import { filesOfRules } from "@/lib/automation/rule-files";
import { createRule, listRules, type RuleInput } from "@/lib/automation/rules";

export const GET = apiRoute(listRulesEndpoint, async ({ db, actor, params }) => {
  const rules = await listRules(db, actor, params.account_id);
  const files = await filesOfRules(db, params.account_id, rules.map((r) => r.id));
  return { payload: rules.map((r) => serializeRule(r, files.get(r.id))) };
});

// Chatwoot answers a create with the rule itself (no payload wrapper).
export const POST = apiRoute(createRuleEndpoint, async ({ db, actor, params, body }) => {
  const rule = await createRule(db, actor, params.account_id, body as RuleInput);
  return serializeRule(rule, (await filesOfRules(db, params.account_id, [rule.id])).get(rule.id));
});
