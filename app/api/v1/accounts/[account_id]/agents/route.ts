import { createAgentEndpoint, listAgentsEndpoint } from "@/lib/api/endpoints/agents";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgent, serializeInvitedAgent } from "@/lib/api/serializers/agent";
import { listAgents } from "@/lib/accounts/agents";
import { inviteAgent } from "@/lib/accounts/invitations/invite-agent";

export const GET = apiRoute(listAgentsEndpoint, async ({ db, actor, params }) =>
  (await listAgents(db, actor, params.account_id)).map(serializeAgent),
);

// Chatwoot's request shape ({name, email, role}, and custom_role_id as its agents PATCH takes it); an invitation is sent whoever the address belongs to.
export const POST = apiRoute(createAgentEndpoint, async ({ db, actor, params, body }) =>
  serializeInvitedAgent(await inviteAgent(db, actor, params.account_id, { name: body.name, email: body.email, role: body.role, customRoleId: body.custom_role_id ?? null })),
);
