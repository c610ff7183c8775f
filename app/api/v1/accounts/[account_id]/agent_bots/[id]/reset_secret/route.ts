import { resetAgentBotSecretEndpoint } from "@/lib/api/endpoints/agent-bots";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgentBot } from "@/lib/api/serializers/agent-bot";
import { resetAgentBotSecret } from "@/lib/agent-bots/manage-bots";

export const POST = apiRoute(resetAgentBotSecretEndpoint, async ({ db, actor, params }) =>
  serializeAgentBot(await resetAgentBotSecret(db, actor, params.account_id, params.id)),
);
