import { deleteCannedResponseEndpoint, replaceCannedResponseEndpoint, updateCannedResponseEndpoint } from "@/lib/api/endpoints/canned-responses";
import { apiRoute } from "@/lib/api/handler";
import { serializeCannedResponse } from "@/lib/api/serializers/canned-response";
import { deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/manage";

export const PATCH = apiRoute(updateCannedResponseEndpoint, async ({ db, actor, params, body }) =>
  serializeCannedResponse(await updateCannedResponse(db, actor, params.account_id, params.id, body)),
);

export const PUT = apiRoute(replaceCannedResponseEndpoint, async ({ db, actor, params, body }) =>
  serializeCannedResponse(await updateCannedResponse(db, actor, params.account_id, params.id, body)),
);

// Chatwoot answers `head :ok`: 200 with no body.
export const DELETE = apiRoute(deleteCannedResponseEndpoint, async ({ db, actor, params }) => {
  await deleteCannedResponse(db, actor, params.account_id, params.id);
});
