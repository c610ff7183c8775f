import { itemsFromQuickFilters } from "./filter-attributes";
import type { FilterItem } from "./filter-url";
import type { AssigneeType, ListQuery } from "./list-query";

/** Matches nothing: "My teams" for an agent in no team. */
const NOTHING: FilterItem = { attribute_key: "status", filter_operator: "not_equal_to", values: ["all"] };

/**
 * "Select all N matching" as the filter payload the bulk action resolves when it runs: the list's
 * advanced filter (or its quick filters as conditions) narrowed to the tab on screen. Conditions
 * are joined with AND binding before OR, so the tab's condition is added to every OR group:
 * (a OR b) AND mine is written (a AND mine) OR (b AND mine).
 */
export function matchingItems(list: {
  filter?: readonly FilterItem[];
  quick?: ListQuery;
  inboxId?: number;
  assigneeType: AssigneeType;
  meId: number;
  /** The teams "My teams" means. */
  myTeamIds?: number[];
}): FilterItem[] {
  let items: FilterItem[] = list.filter ? [...list.filter] : [];
  if (!list.filter && list.quick) {
    items = itemsFromQuickFilters(list.quick, list.inboxId);
    if (list.quick.myTeams) items = withEveryGroup(items, list.myTeamIds?.length ? { attribute_key: "team_id", filter_operator: "equal_to", values: list.myTeamIds } : NOTHING);
  }
  if (list.assigneeType === "me") return withEveryGroup(items, { attribute_key: "assignee_id", filter_operator: "equal_to", values: [list.meId] });
  if (list.assigneeType === "unassigned") return withEveryGroup(items, { attribute_key: "assignee_id", filter_operator: "is_not_present", values: [] });
  return items;
}

/** Appends `extra` with AND to each OR group of the conditions. */
function withEveryGroup(items: readonly FilterItem[], extra: FilterItem): FilterItem[] {
  const out: FilterItem[] = [];
  items.forEach((c, i) => {
    const last = i === items.length - 1;
    const joiner = last ? undefined : (c.query_operator ?? "and");
    if (joiner === "and") {
      out.push({ ...c, query_operator: "and" });
      return;
    }
    // The end of a group: the extra condition closes it, taking over the joiner to the next group.
    out.push({ ...c, query_operator: "and" });
    out.push(joiner ? { ...extra, query_operator: joiner } : { ...extra });
  });
  return out;
}
