import { dryRunRuleEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeDryRun } from "@/lib/api/serializers/automation";
import { dryRunRule } from "@/lib/automation/run-log";

export const POST = apiRoute(dryRunRuleEndpoint, async ({ db, actor, params, body }) => ({
  payload: (await dryRunRule(db, actor, params.account_id, params.id, { conditions: body.conditions as never, condition_tree: body.condition_tree as never })).map(serializeDryRun),
}));
