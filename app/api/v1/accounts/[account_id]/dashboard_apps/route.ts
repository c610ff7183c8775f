import { createDashboardAppEndpoint, listDashboardAppsEndpoint } from "@/lib/api/endpoints/dashboard-apps";
import { apiRoute } from "@/lib/api/handler";
import { serializeDashboardApp } from "@/lib/api/serializers/dashboard-app";
import { createDashboardApp, listDashboardApps } from "@/lib/dashboard-apps/manage";

export const GET = apiRoute(listDashboardAppsEndpoint, async ({ db, actor, params }) =>
  (await listDashboardApps(db, actor, params.account_id)).map(serializeDashboardApp),
);

export const POST = apiRoute(createDashboardAppEndpoint, async ({ db, actor, params, body }) =>
  serializeDashboardApp(await createDashboardApp(db, actor, params.account_id, body)),
);
