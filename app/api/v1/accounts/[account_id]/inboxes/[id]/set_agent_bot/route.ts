import { setInboxAgentBotEndpoint } from "@/lib/api/endpoints/agent-bots";
import { apiRoute } from "@/lib/api/handler";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";

// Chatwoot's body: {agent_bot: <id>} connects, {agent_bot: null} disconnects; 204 either way.
export const POST = apiRoute(setInboxAgentBotEndpoint, async ({ db, actor, params, body }) => {
  await setInboxAgentBot(db, actor, params.account_id, params.id, body.agent_bot);
});
