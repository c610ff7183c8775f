import { createPortalEndpoint, listPortalsEndpoint } from "@/lib/api/endpoints/help-center-portals";
import { apiRoute } from "@/lib/api/handler";
import { portalInputFrom } from "@/lib/api/help-center-params";
import { serializePortal } from "@/lib/api/serializers/help-center";
import { createPortal, listPortals } from "@/lib/help-center/portals";

export const GET = apiRoute(listPortalsEndpoint, async ({ db, actor, params }) => {
  const portals = await listPortals(db, actor, params.account_id);
  return { payload: portals.map(serializePortal), meta: { current_page: 1, portals_count: portals.length } };
});

export const POST = apiRoute(createPortalEndpoint, async ({ db, actor, params, body }) => {
  const input = await portalInputFrom(body);
  return serializePortal(await createPortal(db, actor, params.account_id, { ...input, name: input.name ?? "" }));
});
