import { getNotificationSettingsEndpoint, updateNotificationSettingsEndpoint } from "@/lib/api/endpoints/people";
import { apiRoute } from "@/lib/api/handler";
import { ALL_EMAIL_FLAGS, ALL_PUSH_FLAGS, getNotificationSettings, updateNotificationSettings, type NotificationSettingsDetails } from "@/lib/notifications/settings";

const serialize = (s: NotificationSettingsDetails) => ({
  id: s.id,
  user_id: s.userId,
  account_id: s.accountId,
  all_email_flags: ALL_EMAIL_FLAGS,
  selected_email_flags: s.emailFlags,
  all_push_flags: ALL_PUSH_FLAGS,
  selected_push_flags: s.pushFlags,
});

export const GET = apiRoute(getNotificationSettingsEndpoint, async ({ db, actor, params }) => serialize(await getNotificationSettings(db, actor, params.account_id)));

export const PATCH = apiRoute(updateNotificationSettingsEndpoint, async ({ db, actor, params, body }) =>
  serialize(await updateNotificationSettings(db, actor, params.account_id, { emailFlags: body.selected_email_flags, pushFlags: body.selected_push_flags })),
);
