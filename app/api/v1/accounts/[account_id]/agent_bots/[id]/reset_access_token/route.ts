import { resetAgentBotTokenEndpoint } from "@/lib/api/endpoints/agent-bots";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { resetAgentBotAccessToken } from "@/lib/agent-bots/manage-bots";

export const POST = apiRoute(resetAgentBotTokenEndpoint, async ({ db, actor, params }) =>
  serializeAgentBot(await resetAgentBotAccessToken(db, actor, params.account_id, params.id)),
);
