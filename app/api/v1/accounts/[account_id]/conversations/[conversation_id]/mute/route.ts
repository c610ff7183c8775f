import { muteEndpoint } from "@/lib/api/endpoints/conversations";
import { apiRoute } from "@/lib/api/handler";
import { muteConversation } from "@/lib/automation/mute";

export const POST = apiRoute(muteEndpoint, ({ db, actor, params }) => muteConversation(db, actor, params.account_id, params.conversation_id));
