import { z } from "zod";

/**
 * An inbox's capacity for auto-assignment (Chatwoot's `auto_assignment_config.max_assignment_limit`):
 * open conversations assigned to one agent in the inbox; null (or absent in the config) = no limit.
 */
export const autoAssignmentLimitInput = z.number().int().min(1, "Capacity must be at least 1").max(10_000).nullable().optional();

/** Chatwoot's `auto_assignment_config` from the inbox API (a blank or 0 limit means none). */
export const autoAssignmentConfigBody = z
  .object({ max_assignment_limit: z.union([z.coerce.number().int().min(0).max(10_000), z.literal(""), z.null()]).optional() })
  .passthrough()
  .optional();

export function limitFromConfig(config: z.infer<typeof autoAssignmentConfigBody>): number | null | undefined {
  if (!config || !("max_assignment_limit" in config)) return undefined;
  const limit = config.max_assignment_limit;
  return typeof limit === "number" && limit > 0 ? limit : null;
}

export const configOfLimit = (limit: number | null): { max_assignment_limit?: number } => (limit === null ? {} : { max_assignment_limit: limit });
