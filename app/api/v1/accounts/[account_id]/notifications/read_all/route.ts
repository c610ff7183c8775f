import { readAllNotificationsEndpoint } from "@/lib/api/endpoints/notifications";
import { apiRoute } from "@/lib/api/handler";
import { markAllNotificationsRead } from "@/lib/notifications/mark-read";

export const POST = apiRoute(readAllNotificationsEndpoint, async ({ db, actor, params }) => {
  await markAllNotificationsRead(db, actor, params.account_id);
});
