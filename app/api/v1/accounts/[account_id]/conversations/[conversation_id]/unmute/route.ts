import { unmuteEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { unmuteConversation } from "@/lib/automation/mute";

export const POST = apiRoute(unmuteEndpoint, ({ db, actor, params }) => unmuteConversation(db, actor, params.account_id, params.conversation_id));
