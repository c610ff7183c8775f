import { describe, expect, it } from "vitest";
import { decodeFilter, encodeFilter, itemsOfQuery, toPayload, type FilterItem } from "./filter-url";
import { listQueryString, parseListQuery } from "./list-query";

const items: FilterItem[] = [
  { attribute_key: "status", filter_operator: "equal_to", values: ["open", "pending"], query_operator: "and" },
  { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"], query_operator: "or" },
  { attribute_key: "labels", filter_operator: "equal_to", values: ["vip, gold", "a;b:c"] },
];

describe("the advanced filter in the URL", () => {
  it("round-trips through the query string, values with any characters included", () => {
    const qs = listQueryString({ status: "open", assigneeType: "all", filter: items });
    const back = parseListQuery(Object.fromEntries(new URLSearchParams(qs)));
    expect(back.filter).toEqual(items);
    expect(back.assigneeType).toBe("all");
    // Compact: "and" is the default joiner and the last condition joins nothing.
    expect(encodeFilter(items)).toBe('[["status","equal_to",["open","pending"]],["priority","equal_to",["urgent"],"or"],["labels","equal_to",["vip, gold","a;b:c"]]]');
  });

  it("ignores a mangled or hostile filter rather than failing the page", () => {
    for (const raw of ["", "nope", "[]", "{}", '[["status"]]', '[["status","equal_to","open"]]', '[["status","equal_to",["open"],"xor"]]', '[["sta tus","equal_to",["open"]]]', '[["status","equal_to",[{"id":1}]]]']) {
      expect(decodeFilter(raw)).toBeUndefined();
    }
    const many = JSON.stringify(Array.from({ length: 21 }, () => ["status", "equal_to", ["open"]]));
    expect(decodeFilter(many)).toBeUndefined();
    expect(parseListQuery({ filter: "nope" }).filter).toBeUndefined();
  });

  it("gives the domain Chatwoot's payload, and reads a saved view's query as Chatwoot's dashboard stores it", () => {
    expect(toPayload(items).map((c) => c.query_operator)).toEqual(["AND", "OR", undefined]);
    const saved = {
      payload: [
        { attribute_key: "assignee_id", filter_operator: "equal_to", values: [{ id: 4, name: "Bruno" }], query_operator: "OR" },
        { attribute_key: "team_id", filter_operator: "is_present", values: [], query_operator: null },
      ],
    };
    expect(itemsOfQuery(saved)).toEqual([
      { attribute_key: "assignee_id", filter_operator: "equal_to", values: [4], query_operator: "or" },
      { attribute_key: "team_id", filter_operator: "is_present", values: [] },
    ]);
    expect(itemsOfQuery({})).toBeUndefined();
  });
});
