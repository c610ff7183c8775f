import { deleteLabelEndpoint, showLabelEndpoint, updateLabelEndpoint } from "@/lib/api/endpoints/labels";
import { apiRoute } from "@/lib/api/handler";
import { serializeLabel } from "@/lib/api/serializers/organize";
import { deleteLabel, getLabel, updateLabel } from "@/lib/labels/labels";

export const GET = apiRoute(showLabelEndpoint, async ({ db, actor, params }) => serializeLabel(await getLabel(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateLabelEndpoint, async ({ db, actor, params, body }) =>
  serializeLabel(
    await updateLabel(db, actor, params.account_id, params.id, { title: body.title, description: body.description, color: body.color, showOnSidebar: body.show_on_sidebar }),
  ),
);

// Chatwoot answers 200 with an empty body.
export const DELETE = apiRoute(deleteLabelEndpoint, async ({ db, actor, params }) => {
  await deleteLabel(db, actor, params.account_id, params.id);
});
