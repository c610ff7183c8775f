import { platformDeleteBotEndpoint, platformShowBotEndpoint, platformUpdateBotEndpoint } from "@/lib/api/endpoints/platform";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { deletePlatformBot, getPlatformBot, updatePlatformBot } from "@/lib/agent-bots/platform-bots";

export const GET = apiRoute(platformShowBotEndpoint, async ({ db, platformAppId, params }) =>
  serializeAgentBot(await getPlatformBot(db, platformAppId, params.id)),
);

export const PATCH = apiRoute(platformUpdateBotEndpoint, async ({ db, platformAppId, params, body }) =>
  serializeAgentBot(await updatePlatformBot(db, platformAppId, params.id, body)),
);

export const DELETE = apiRoute(platformDeleteBotEndpoint, async ({ db, platformAppId, params }) => {
  await deletePlatformBot(db, platformAppId, params.id);
});
