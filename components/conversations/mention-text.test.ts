import { describe, expect, it } from "vitest";
import { insertMention, matchMentions, mentionAt } from "./mention-text";
import { mentionedUserIds } from "@/lib/conversations/mentions";

describe("mention text", () => {
  it("finds the @query before the caret, matches agents and writes markup the server reads back", () => {
    const text = "Can you check @bo";
    const at = mentionAt(text, text.length);
    expect(at).toEqual({ start: 14, query: "bo" });
    expect(mentionAt("mail me at a@b", 14)).toBeNull();
    const agents = [{ id: 7, name: "Alice Bob" }, { id: 3, name: "Bob Agent" }, { id: 9, name: "Carol" }];
    expect(matchMentions(agents, "bo").map((a) => a.id)).toEqual([3, 7]);
    const { text: out, caret } = insertMention(text, at!, agents[1]);
    expect(out).toBe("Can you check [@Bob Agent](mention://user/3/Bob%20Agent) ");
    expect(caret).toBe(out.length);
    expect(mentionedUserIds(out)).toEqual([3]);
  });
});
