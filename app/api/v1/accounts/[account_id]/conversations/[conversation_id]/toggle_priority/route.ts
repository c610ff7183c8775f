import { togglePriorityEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { updatePriority } from "@/lib/conversations/update-priority";

export const POST = apiRoute(togglePriorityEndpoint, async ({ db, actor, params, body }) => {
  await updatePriority(db, actor, params.account_id, params.conversation_id, { priority: body.priority === "none" ? null : body.priority });
});
