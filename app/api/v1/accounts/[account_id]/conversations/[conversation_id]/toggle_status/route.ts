import { toggleStatusEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { isoOrNull, parseApiTime } from "@/lib/api/serializers/time";
import { toggleStatus } from "@/lib/conversations/toggle-status";

export const POST = apiRoute(toggleStatusEndpoint, async ({ db, actor, params, body }) => {
  const conversation = await toggleStatus(db, actor, params.account_id, params.conversation_id, {
    status: body.status,
    snoozedUntil: parseApiTime(body.snoozed_until),
  });
  return {
    meta: {},
    payload: {
      success: true,
      current_status: conversation.status,
      conversation_id: conversation.displayId,
      snoozed_until: isoOrNull(conversation.snoozedUntil),
    },
  };
});
