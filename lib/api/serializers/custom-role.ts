import type { CustomRole } from "@/lib/roles/custom-roles";

/** Chatwoot's custom_role JSON. */
export const serializeCustomRole = (r: CustomRole) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});
