import { deletePortalLogoEndpoint } from "@/lib/api/endpoints/help-center-portals";
import { apiRoute } from "@/lib/api/handler";
import { setPortalLogo } from "@/lib/help-center/files";

export const DELETE = apiRoute(deletePortalLogoEndpoint, async ({ db, actor, params }) => {
  await setPortalLogo(db, actor, params.account_id, params.portal_id, null);
});
