import { createSlaPolicyEndpoint, listSlaPoliciesEndpoint } from "@/lib/api/endpoints/sla";
import { apiRoute } from "@/lib/api/handler";
import { serializeSlaPolicy } from "@/lib/api/serializers/sla";
import { createSlaPolicy, listSlaPolicies, type SlaPolicyInput } from "@/lib/sla/policies";

export const GET = apiRoute(listSlaPoliciesEndpoint, async ({ db, actor, params }) => ({ payload: (await listSlaPolicies(db, actor, params.account_id)).map(serializeSlaPolicy) }));

export const POST = apiRoute(createSlaPolicyEndpoint, async ({ db, actor, params, body }) => ({
  payload: serializeSlaPolicy(await createSlaPolicy(db, actor, params.account_id, body as SlaPolicyInput)),
}));
