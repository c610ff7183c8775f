import { createCustomRoleEndpoint, listCustomRolesEndpoint } from "@/lib/api/endpoints/custom-roles";
import { apiRoute } from "@/lib/api/handler";
import { serializeCustomRole } from "@/lib/api/serializers/custom-role";
import { createCustomRole, listCustomRoles } from "@/lib/roles/custom-roles";

// Chatwoot answers the list as a bare array.
export const GET = apiRoute(listCustomRolesEndpoint, async ({ db, actor, params }) => (await listCustomRoles(db, actor, params.account_id)).map(serializeCustomRole));

export const POST = apiRoute(createCustomRoleEndpoint, async ({ db, actor, params, body }) =>
  serializeCustomRole(await createCustomRole(db, actor, params.account_id, { name: body.name ?? "", description: body.description, permissions: body.permissions })),
);
