import { deleteCustomRoleEndpoint, showCustomRoleEndpoint, updateCustomRoleEndpoint } from "@/lib/api/endpoints/custom-roles";
import { apiRoute } from "@/lib/api/handler";
import { serializeCustomRole } from "@/lib/api/serializers/custom-role";
import { deleteCustomRole, getCustomRole, updateCustomRole } from "@/lib/roles/custom-roles";

export const GET = apiRoute(showCustomRoleEndpoint, async ({ db, actor, params }) => serializeCustomRole(await getCustomRole(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateCustomRoleEndpoint, async ({ db, actor, params, body }) =>
  serializeCustomRole(await updateCustomRole(db, actor, params.account_id, params.id, { name: body.name, description: body.description, permissions: body.permissions })),
);

// Chatwoot answers 200 with an empty body.
export const DELETE = apiRoute(deleteCustomRoleEndpoint, async ({ db, actor, params }) => {
  await deleteCustomRole(db, actor, params.account_id, params.id);
});
