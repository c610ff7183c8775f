import { ruleRunsEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeRun } from "@/lib/api/serializers/automation";
import { listRuleRuns } from "@/lib/automation/run-log";

export const GET = apiRoute(ruleRunsEndpoint, async ({ db, actor, params }) => ({ payload: (await listRuleRuns(db, actor, params.account_id, params.id)).map(serializeRun) }));
