import { archivePortalEndpoint } from "@/lib/api/endpoints/help-center-portals";
import { apiRoute } from "@/lib/api/handler";
import { serializePortal } from "@/lib/api/serializers/help-center";
import { updatePortal } from "@/lib/help-center/portals";

export const PATCH = apiRoute(archivePortalEndpoint, async ({ db, actor, params }) =>
  serializePortal(await updatePortal(db, actor, params.account_id, params.portal_id, { archived: true })),
);
