import { deleteDashboardAppEndpoint, showDashboardAppEndpoint, updateDashboardAppEndpoint } from "@/lib/api/endpoints/dashboard-apps";
import { apiRoute } from "@/lib/api/handler";
import { serializeDashboardApp } from "@/lib/api/serializers/dashboard-app";
import { deleteDashboardApp, getDashboardApp, updateDashboardApp } from "@/lib/dashboard-apps/manage";

export const GET = apiRoute(showDashboardAppEndpoint, async ({ db, actor, params }) =>
  serializeDashboardApp(await getDashboardApp(db, actor, params.account_id, params.id)),
);

export const PATCH = apiRoute(updateDashboardAppEndpoint, async ({ db, actor, params, body }) =>
  serializeDashboardApp(await updateDashboardApp(db, actor, params.account_id, params.id, body)),
);

// Chatwoot answers 204 No Content.
export const DELETE = apiRoute(deleteDashboardAppEndpoint, async ({ db, actor, params }) => {
  await deleteDashboardApp(db, actor, params.account_id, params.id);
});
