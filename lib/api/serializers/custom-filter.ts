import type { CustomFilter } from "@/db/schema";

/** Chatwoot's shape of a saved view. */
export function serializeCustomFilter(f: CustomFilter) {
  return { id: f.id, name: f.name, filter_type: f.filterType, query: f.query, created_at: f.createdAt.toISOString(), updated_at: f.updatedAt.toISOString() };
}
