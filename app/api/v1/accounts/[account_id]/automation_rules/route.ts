import { createRuleEndpoint, listRulesEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeRule } from "@/lib/api/serializers/automation";
import { createRule, listRules, type RuleInput } from "@/lib/automation/rules";

export const GET = apiRoute(listRulesEndpoint, async ({ db, actor, params }) => ({ payload: (await listRules(db, actor, params.account_id)).map(serializeRule) }));

// Chatwoot answers a create with the rule itself (no payload wrapper).
export const POST = apiRoute(createRuleEndpoint, async ({ db, actor, params, body }) => serializeRule(await createRule(db, actor, params.account_id, body as RuleInput)));
