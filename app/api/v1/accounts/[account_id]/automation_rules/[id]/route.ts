import { deleteRuleEndpoint, putRuleEndpoint, showRuleEndpoint, updateRuleEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeRule } from "@/lib/api/serializers/automation";
import { filesOfRules } from "@/lib/automation/rule-files";
import { deleteRule, getRule, updateRule, type RuleInput } from "@/lib/automation/rules";
import type { DbOrTx } from "@/db/client";
import type { AutomationRule } from "@/db/schema";

const withFiles = async (db: DbOrTx, rule: AutomationRule) => serializeRule(rule, (await filesOfRules(db, rule.accountId, [rule.id])).get(rule.id));

export const GET = apiRoute(showRuleEndpoint, async ({ db, actor, params }) => ({ payload: await withFiles(db, await getRule(db, actor, params.account_id, params.id)) }));

export const PATCH = apiRoute(updateRuleEndpoint, async ({ db, actor, params, body }) => ({
  payload: await withFiles(db, await updateRule(db, actor, params.account_id, params.id, body as Partial<RuleInput>)),
}));

export const PUT = apiRoute(putRuleEndpoint, async ({ db, actor, params, body }) => ({
  payload: await withFiles(db, await updateRule(db, actor, params.account_id, params.id, body as Partial<RuleInput>)),
}));

// Chatwoot answers 200 with an empty body.
export const DELETE = apiRoute(deleteRuleEndpoint, async ({ db, actor, params }) => {
  await deleteRule(db, actor, params.account_id, params.id);
});
