import { createTeamEndpoint, listTeamsEndpoint } from "@/lib/api/endpoints/teams";
import { apiRoute } from "@/lib/api/handler";
import { serializeTeam } from "@/lib/api/serializers/organize";
import { createTeam, listTeams } from "@/lib/teams/teams";

export const GET = apiRoute(listTeamsEndpoint, async ({ db, actor, params }) => (await listTeams(db, actor, params.account_id)).map(serializeTeam));

export const POST = apiRoute(createTeamEndpoint, async ({ db, actor, params, body }) =>
  serializeTeam(await createTeam(db, actor, params.account_id, { name: body.name ?? "", description: body.description, allowAutoAssign: body.allow_auto_assign })),
);
