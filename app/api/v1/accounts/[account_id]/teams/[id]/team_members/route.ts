import { addTeamMembersEndpoint, listTeamMembersEndpoint, removeTeamMembersEndpoint, replaceTeamMembersEndpoint } from "@/lib/api/endpoints/teams";
import { apiRoute } from "@/lib/api/handler";
import { serializeTeamMember } from "@/lib/api/serializers/organize";
import { changeTeamMembers, listTeamMembers } from "@/lib/teams/teams";

export const GET = apiRoute(listTeamMembersEndpoint, async ({ db, actor, params }) =>
  (await listTeamMembers(db, actor, params.account_id, params.id)).map((m) => serializeTeamMember(params.account_id, m)),
);

// Chatwoot answers POST and PATCH with the agents sent.
export const POST = apiRoute(addTeamMembersEndpoint, async ({ db, actor, params, body }) =>
  (await changeTeamMembers(db, actor, params.account_id, params.id, "add", { userIds: body.user_ids })).map((m) => serializeTeamMember(params.account_id, m)),
);

export const PATCH = apiRoute(replaceTeamMembersEndpoint, async ({ db, actor, params, body }) =>
  (await changeTeamMembers(db, actor, params.account_id, params.id, "replace", { userIds: body.user_ids })).map((m) => serializeTeamMember(params.account_id, m)),
);

export const DELETE = apiRoute(removeTeamMembersEndpoint, async ({ db, actor, params, body }) => {
  await changeTeamMembers(db, actor, params.account_id, params.id, "remove", { userIds: body.user_ids });
});
