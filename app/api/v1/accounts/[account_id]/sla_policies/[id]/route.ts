import { deleteSlaPolicyEndpoint, putSlaPolicyEndpoint, showSlaPolicyEndpoint, updateSlaPolicyEndpoint } from "@/lib/api/endpoints/sla";
import { apiRoute } from "@/lib/api/handler";
import { serializeSlaPolicy } from "@/lib/api/serializers/sla";
import { deleteSlaPolicy, getSlaPolicy, updateSlaPolicy, type SlaPolicyInput } from "@/lib/sla/policies";

export const GET = apiRoute(showSlaPolicyEndpoint, async ({ db, actor, params }) => ({ payload: serializeSlaPolicy(await getSlaPolicy(db, actor, params.account_id, params.id)) }));

export const PATCH = apiRoute(updateSlaPolicyEndpoint, async ({ db, actor, params, body }) => ({
  payload: serializeSlaPolicy(await updateSlaPolicy(db, actor, params.account_id, params.id, body as Partial<SlaPolicyInput>)),
}));

export const PUT = apiRoute(putSlaPolicyEndpoint, async ({ db, actor, params, body }) => ({
  payload: serializeSlaPolicy(await updateSlaPolicy(db, actor, params.account_id, params.id, body as Partial<SlaPolicyInput>)),
}));

// Chatwoot answers 200 with an empty body.
export const DELETE = apiRoute(deleteSlaPolicyEndpoint, async ({ db, actor, params }) => {
  await deleteSlaPolicy(db, actor, params.account_id, params.id);
});
