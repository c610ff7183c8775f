import { describe, expect, it } from "vitest";
import { listQueryString, parseListQuery } from "./list-query";

describe("conversation list filters in the URL", () => {
  it("defaults to open conversations assigned to me, first page", () => {
    expect(parseListQuery({})).toEqual({ status: "open", assigneeType: "me", inboxId: undefined, page: 1 });
    expect(listQueryString(parseListQuery({}))).toBe("");
  });

  it("reads Chatwoot's query names and ignores values it does not know", () => {
    expect(parseListQuery({ status: "snoozed", assignee_type: "unassigned", inbox_id: "3", page: "2" })).toEqual({
      status: "snoozed",
      assigneeType: "unassigned",
      inboxId: 3,
      page: 2,
    });
    expect(parseListQuery({ status: "deleted", assignee_type: "boss", inbox_id: "-1", page: "9999" })).toEqual({
      status: "open",
      assigneeType: "me",
      inboxId: undefined,
      page: 1,
    });
    expect(parseListQuery({ status: ["pending", "open"], inbox_id: "1e3" }).status).toBe("pending");
    expect(parseListQuery({ inbox_id: "1e3" }).inboxId).toBeUndefined();
  });

  it("writes back what it reads", () => {
    const query = { status: "all", assigneeType: "all", inboxId: 4, page: 3 } as const;
    const qs = listQueryString(query);
    expect(qs).toBe("?status=all&assignee_type=all&inbox_id=4&page=3");
    expect(parseListQuery(Object.fromEntries(new URLSearchParams(qs)))).toEqual(query);
  });

  it("keeps a sort order other than newest activity in the URL", () => {
    expect(parseListQuery({ sort_by: "waiting_since_asc" }).sortBy).toBe("waiting_since_asc");
    expect(listQueryString({ status: "open", sortBy: "priority_desc" })).toBe("?sort_by=priority_desc");
    expect(parseListQuery({ sort_by: "last_activity_at_desc" }).sortBy).toBeUndefined();
    expect(parseListQuery({ sort_by: "random" }).sortBy).toBeUndefined();
  });
});
