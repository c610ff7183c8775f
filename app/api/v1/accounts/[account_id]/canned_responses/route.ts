import { createCannedResponseEndpoint, listCannedResponsesEndpoint } from "@/lib/api/endpoints/canned-responses";
import { apiRoute } from "@/lib/api/handler";
import { serializeCannedResponse } from "@/lib/api/serializers/canned-response";
import { createCannedResponse, listCannedResponses } from "@/lib/canned-responses/manage";

export const GET = apiRoute(listCannedResponsesEndpoint, async ({ db, actor, params, query }) =>
  (await listCannedResponses(db, actor, params.account_id, query.search)).map(serializeCannedResponse),
);

// Chatwoot's create view wraps the record in `payload`.
export const POST = apiRoute(createCannedResponseEndpoint, async ({ db, actor, params, body }) => ({
  payload: serializeCannedResponse(await createCannedResponse(db, actor, params.account_id, body)),
}));
