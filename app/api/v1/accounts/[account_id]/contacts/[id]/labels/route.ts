import { listContactLabelsEndpoint, setContactLabelsEndpoint } from "@/lib/api/endpoints/labels";
import { apiRoute } from "@/lib/api/handler";
import { changeContactLabels, getContactLabels } from "@/lib/labels/contact-labels";

export const GET = apiRoute(listContactLabelsEndpoint, async ({ db, actor, params }) => ({
  payload: await getContactLabels(db, actor, params.account_id, params.id),
}));

// Chatwoot replaces the whole list and answers with it.
export const POST = apiRoute(setContactLabelsEndpoint, async ({ db, actor, params, body }) => ({
  payload: await changeContactLabels(db, actor, params.account_id, params.id, { set: body.labels }),
}));
