import { createAgentBotEndpoint, listAgentBotsEndpoint } from "@/lib/api/endpoints/agent-bots";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { createAgentBot, listAgentBots } from "@/lib/agent-bots/manage-bots";

export const GET = apiRoute(listAgentBotsEndpoint, async ({ db, actor, params }) =>
  (await listAgentBots(db, actor, params.account_id)).map(serializeAgentBot),
);

export const POST = apiRoute(createAgentBotEndpoint, async ({ db, actor, params, body }) =>
  serializeAgentBot(await createAgentBot(db, actor, params.account_id, body)),
);
