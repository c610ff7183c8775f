import { platformCreateBotEndpoint, platformListBotsEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { createPlatformBot, listPlatformBots } from "@/lib/agent-bots/platform-bots";

export const GET = apiRoute(platformListBotsEndpoint, async ({ db, platformAppId }) =>
  (await listPlatformBots(db, platformAppId)).map((b) => serializeAgentBot(b)),
);

export const POST = apiRoute(platformCreateBotEndpoint, async ({ db, platformAppId, body }) =>
  serializeAgentBot(await createPlatformBot(db, platformAppId, body)),
);
