import { inboxAgentBotEndpoint } from "@/lib/api/endpoints/agent-bots";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { getInboxAgentBot } from "@/lib/agent-bots/inbox-bot";

export const GET = apiRoute(inboxAgentBotEndpoint, async ({ db, actor, params }) => {
  const bot = await getInboxAgentBot(db, actor, params.account_id, params.id);
  return bot ? serializeAgentBot(bot) : {};
});
