import { deleteAgentEndpoint, updateAgentEndpoint } from "@/lib/api/endpoints/agents";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgent } from "@/lib/api/serializers/agent";
import { removeAgent, updateAgent } from "@/lib/accounts/agents";

export const PATCH = apiRoute(updateAgentEndpoint, async ({ db, actor, params, body }) =>
  serializeAgent(
    await updateAgent(db, actor, params.account_id, params.id, {
      name: body.name,
      role: body.role,
      customRoleId: body.custom_role_id,
      availability: body.availability,
      autoOffline: body.auto_offline,
    }),
  ),
);

export const DELETE = apiRoute(deleteAgentEndpoint, async ({ db, actor, params }) => {
  await removeAgent(db, actor, params.account_id, params.id);
});
