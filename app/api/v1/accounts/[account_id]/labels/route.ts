import { createLabelEndpoint, listLabelsEndpoint } from "@/lib/api/endpoints/labels";
import { apiRoute } from "@/lib/api/handler";
import { serializeLabel } from "@/lib/api/serializers/organize";
import { createLabel, listLabels } from "@/lib/labels/labels";

// Chatwoot wraps the list in {payload: [...]}.
export const GET = apiRoute(listLabelsEndpoint, async ({ db, actor, params }) => ({
  payload: (await listLabels(db, actor, params.account_id)).map(serializeLabel),
}));

export const POST = apiRoute(createLabelEndpoint, async ({ db, actor, params, body }) =>
  serializeLabel(
    await createLabel(db, actor, params.account_id, { title: body.title ?? "", description: body.description, color: body.color, showOnSidebar: body.show_on_sidebar }),
  ),
);
