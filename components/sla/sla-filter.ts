import type { BuilderAttribute } from "@/components/conversations/filter-attributes";
import type { FilterValue } from "@/components/conversations/filter-url";
import type { ListRow } from "@/components/conversations/list-row";

/**
 * The "SLA breached" condition of the conversation filter (lib/sla/filter.ts on the server), in
 * the builder and judged on a live row: a row's SLA status says whether a target was missed
 * (`active_with_misses`, then `missed` once resolved), so a breach the sweep records moves the
 * row into a "breached" list with the same event that repaints it.
 */
export const SLA_BREACHED_ATTRIBUTE: BuilderAttribute = {
  key: "sla_breached",
  label: "SLA breached",
  operators: ["equal_to", "not_equal_to"],
  value: () => ({ type: "options", options: [{ value: "true", label: "Yes" }, { value: "false", label: "No" }] }),
};

export function isSlaBreached(row: Pick<ListRow, "sla">): boolean {
  return row.sla?.status === "active_with_misses" || row.sla?.status === "missed";
}

export function slaBreachedMatches(row: Pick<ListRow, "sla">, op: string, values: readonly FilterValue[]): boolean | undefined {
  const wanted = values.map((v) => String(v).trim().toLowerCase());
  if (!wanted.every((v) => v === "true" || v === "false") || wanted.length === 0) return undefined;
  const holds = wanted.some((v) => v === String(isSlaBreached(row)));
  if (op === "equal_to") return holds;
  if (op === "not_equal_to") return !holds;
  return undefined;
}
