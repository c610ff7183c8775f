import { deleteTeamEndpoint, showTeamEndpoint, updateTeamEndpoint } from "@/lib/api/endpoints/teams";
import { apiRoute } from "@/lib/api/handler";
import { serializeTeam } from "@/lib/api/serializers/organize";
import { deleteTeam, getTeam, updateTeam } from "@/lib/teams/teams";

export const GET = apiRoute(showTeamEndpoint, async ({ db, actor, params }) => serializeTeam(await getTeam(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateTeamEndpoint, async ({ db, actor, params, body }) =>
  serializeTeam(await updateTeam(db, actor, params.account_id, params.id, { name: body.name, description: body.description, allowAutoAssign: body.allow_auto_assign })),
);

// Chatwoot answers 200 with an empty body.
export const DELETE = apiRoute(deleteTeamEndpoint, async ({ db, actor, params }) => {
  await deleteTeam(db, actor, params.account_id, params.id);
});
