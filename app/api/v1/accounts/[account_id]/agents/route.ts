import { createAgentEndpoint, listAgentsEndpoint } from "@/lib/api/endpoints/agents";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgent } from "@/lib/api/serializers/agent";
import { createAgent, listAgents } from "@/lib/accounts/agents";

export const GET = apiRoute(listAgentsEndpoint, async ({ db, actor, params }) =>
  (await listAgents(db, actor, params.account_id)).map(serializeAgent),
);

export const POST = apiRoute(createAgentEndpoint, async ({ db, actor, params, body }) => {
  const { agent, generatedPassword } = await createAgent(db, actor, params.account_id, {
    name: body.name,
    email: body.email,
    role: body.role,
    availability: body.availability,
    autoOffline: body.auto_offline,
  });
  // Chatwoot emails an invitation; Postdesk has no mail yet for this, so a new user's password is shown once here.
  return { ...serializeAgent(agent), ...(generatedPassword ? { password: generatedPassword } : {}) };
});
