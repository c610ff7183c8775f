import { cloneRuleEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { serializeRule } from "@/lib/api/serializers/automation";
import { cloneRule } from "@/lib/automation/rules";

export const POST = apiRoute(cloneRuleEndpoint, async ({ db, actor, params }) => serializeRule(await cloneRule(db, actor, params.account_id, params.id)));
