import { toggleTypingEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { toggleTyping } from "@/lib/conversations/toggle-typing";

export const POST = apiRoute(toggleTypingEndpoint, async ({ db, actor, params, body }) => {
  await toggleTyping(db, actor, params.account_id, params.conversation_id, { typingStatus: body.typing_status, isPrivate: body.is_private });
});
