import { readNotificationEndpoint } from "@/lib/api/endpoints/notifications";
import { apiRoute } from "@/lib/api/handler";
import { serializeNotification } from "@/lib/api/serializers/notification";
import { markNotificationRead } from "@/lib/notifications/mark-read";

export const PATCH = apiRoute(readNotificationEndpoint, async ({ db, actor, params }) =>
  serializeNotification(await markNotificationRead(db, actor, params.account_id, params.id)),
);
