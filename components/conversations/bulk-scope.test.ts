import { describe, expect, it } from "vitest";
import { matchingItems } from "./bulk-scope";
import type { FilterItem } from "./filter-url";

const c = (attribute_key: string, values: FilterItem["values"], query_operator?: "and" | "or"): FilterItem => ({ attribute_key, filter_operator: "equal_to", values, ...(query_operator ? { query_operator } : {}) });

describe("'all matching' as a filter payload", () => {
  it("adds the tab to every OR group, so 'a OR b' on Mine means (a AND mine) OR (b AND mine)", () => {
    const items = [c("status", ["open"], "or"), c("priority", ["urgent"])];
    expect(matchingItems({ filter: items, assigneeType: "me", meId: 7 })).toEqual([
      c("status", ["open"], "and"),
      c("assignee_id", [7], "or"),
      c("priority", ["urgent"], "and"),
      c("assignee_id", [7]),
    ]);
    expect(matchingItems({ filter: items, assigneeType: "all", meId: 7 })).toEqual(items);
    const unassigned = matchingItems({ filter: [c("status", ["open"])], assigneeType: "unassigned", meId: 7 });
    expect(unassigned.at(-1)).toEqual({ attribute_key: "assignee_id", filter_operator: "is_not_present", values: [] });
  });

  it("turns the quick filters into conditions when no advanced filter is shown", () => {
    expect(matchingItems({ quick: { status: "open", assigneeType: "all", page: 1, labels: ["vip"], myTeams: true }, inboxId: 3, assigneeType: "all", meId: 7, myTeamIds: [4, 5] })).toEqual([
      c("status", ["open"], "and"),
      c("inbox_id", [3], "and"),
      c("labels", ["vip"], "and"),
      c("team_id", [4, 5]),
    ]);
  });
});
