import { deleteAgentBotEndpoint, showAgentBotEndpoint, updateAgentBotEndpoint } from "@/lib/api/endpoints/agent-bots";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { deleteAgentBot, getAgentBot, updateAgentBot } from "@/lib/agent-bots/manage-bots";

export const GET = apiRoute(showAgentBotEndpoint, async ({ db, actor, params }) =>
  serializeAgentBot(await getAgentBot(db, actor, params.account_id, params.id)),
);

export const PATCH = apiRoute(updateAgentBotEndpoint, async ({ db, actor, params, body }) =>
  serializeAgentBot(await updateAgentBot(db, actor, params.account_id, params.id, body)),
);

export const DELETE = apiRoute(deleteAgentBotEndpoint, async ({ db, actor, params }) => {
  await deleteAgentBot(db, actor, params.account_id, params.id);
});
