import { deletePortalEndpoint, getPortalEndpoint, updatePortalEndpoint, replacePortalEndpoint } from "@/lib/api/endpoints/help-center-portals";
import { apiRoute } from "@/lib/api/handler";
import { portalInputFrom } from "@/lib/api/help-center-params";
import { serializePortal } from "@/lib/api/serializers/help-center";
import { deletePortal, getPortal, updatePortal } from "@/lib/help-center/portals";

export const GET = apiRoute(getPortalEndpoint, async ({ db, actor, params }) =>
  serializePortal(await getPortal(db, actor, params.account_id, params.portal_id)),
);

export const PATCH = apiRoute(updatePortalEndpoint, async ({ db, actor, params, body }) =>
  serializePortal(await updatePortal(db, actor, params.account_id, params.portal_id, await portalInputFrom(body))),
);
export const PUT = apiRoute(replacePortalEndpoint, async ({ db, actor, params, body }) =>
  serializePortal(await updatePortal(db, actor, params.account_id, params.portal_id, await portalInputFrom(body))),
);

export const DELETE = apiRoute(deletePortalEndpoint, async ({ db, actor, params }) => {
  await deletePortal(db, actor, params.account_id, params.portal_id);
});
