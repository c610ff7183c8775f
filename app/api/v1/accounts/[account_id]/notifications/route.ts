import { listNotificationsEndpoint } from "@/lib/api/endpoints/notifications";
import { apiRoute } from "@/lib/api/handler";
import { serializeNotification } from "@/lib/api/serializers/notification";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = apiRoute(listNotificationsEndpoint, async ({ db, actor, params, query }) => {
  const list = await listNotifications(db, actor, params.account_id, { page: query.page });
  return {
    data: {
      meta: { unread_count: list.unreadCount, count: list.count, current_page: list.page },
      payload: list.items.map(serializeNotification),
    },
  };
});
