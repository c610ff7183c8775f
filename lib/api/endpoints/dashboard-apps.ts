import { dashboardAppInput } from "@/lib/dashboard-apps/manage";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const appParams = accountParams.extend({ id: idParam });
// Chatwoot requires the {dashboard_app: {...}} wrapper; a flat body is accepted too.
const body = wrappedBody("dashboard_app", dashboardAppInput);
const tag = "Dashboard apps";

export const listDashboardAppsEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/dashboard_apps", summary: "List the account's dashboard apps", tag, params: accountParams, responds: "dashboard_app[]" });
export const createDashboardAppEndpoint = defineEndpoint({ method: "POST", path: "/api/v1/accounts/{account_id}/dashboard_apps", summary: "Create a dashboard app (administrators): title and content [{type: frame, url}]", tag, params: accountParams, body, responds: "dashboard_app" });
export const showDashboardAppEndpoint = defineEndpoint({ method: "GET", path: "/api/v1/accounts/{account_id}/dashboard_apps/{id}", summary: "Show a dashboard app", tag, params: appParams, responds: "dashboard_app" });
export const updateDashboardAppEndpoint = defineEndpoint({ method: "PATCH", path: "/api/v1/accounts/{account_id}/dashboard_apps/{id}", summary: "Update a dashboard app (administrators)", tag, params: appParams, body, responds: "dashboard_app" });
export const deleteDashboardAppEndpoint = defineEndpoint({ method: "DELETE", path: "/api/v1/accounts/{account_id}/dashboard_apps/{id}", summary: "Delete a dashboard app (administrators)", tag, params: appParams, status: 204, responds: "empty" });
