import { describe, expect, it } from "vitest";
import { evaluateTree, flatFromTree, treeFromFlat, type ConditionGroup, type ConditionLeaf, type FactReader } from "./conditions";

const facts: Record<string, string | string[] | null> = { inbox_id: "1", status: "open", labels: ["vip", "billing"], content: "Please send a REFUND", priority: null };
const inboxNames: Record<string, string> = { "1": "Support", "2": "Sales" };
const read: FactReader = (leaf) => {
  const value = facts[leaf.attribute_key];
  return { value, shown: leaf.attribute_key === "inbox_id" ? inboxNames[String(value)] : Array.isArray(value) ? value.join(", ") : (value ?? ""), known: true };
};
const name = (leaf: ConditionLeaf, v: unknown) => (leaf.attribute_key === "inbox_id" ? inboxNames[String(v)] : String(v));
const leaf = (attribute_key: string, filter_operator: ConditionLeaf["filter_operator"], values: unknown[], query_operator?: "and" | "or"): ConditionLeaf =>
  ({ attribute_key, filter_operator, values, query_operator }) as ConditionLeaf;

describe("rule conditions", () => {
  it("nested AND/OR groups: (inbox Sales AND vip) OR (open AND (content contains refund OR matches invoice))", () => {
    const tree: ConditionGroup = {
      operator: "or",
      conditions: [
        { operator: "and", conditions: [leaf("inbox_id", "equal_to", [2]), leaf("labels", "equal_to", ["vip"])] },
        { operator: "and", conditions: [leaf("status", "equal_to", ["open"]), { operator: "or", conditions: [leaf("content", "contains", ["refund"]), leaf("content", "matches", ["inv(oice)?"])] }] },
      ],
    };
    const yes = evaluateTree(tree, read, name);
    expect(yes.matched).toBe(true);
    expect(yes.explanation).toBe("status is open and content contains refund");

    facts.content = "hello";
    const no = evaluateTree(tree, read, name);
    expect(no.matched).toBe(false);
    expect(no.explanation).toBe("inbox is not Sales (it is Support), and content does not contain refund, and content does not match inv(oice)?");
    facts.content = "Please send a REFUND";
  });

  it("reads Chatwoot's flat list with AND before OR, and gives it back flat", () => {
    const flat = [leaf("inbox_id", "equal_to", [2], "and"), leaf("labels", "equal_to", ["vip"], "or"), leaf("status", "equal_to", ["open"])];
    const tree = treeFromFlat(flat);
    expect(tree).toEqual({ operator: "or", conditions: [{ operator: "and", conditions: flat.slice(0, 2) }, { operator: "and", conditions: [flat[2]] }] });
    expect(evaluateTree(tree, read, name).matched).toBe(true); // Sales fails, but status open
    expect(flatFromTree(tree).map((l) => l.query_operator)).toEqual(["and", "or", null]);
  });

  it("operators: not_equal_to, presence, starts_with, and a bad pattern matches nothing", () => {
    expect(evaluateTree({ operator: "and", conditions: [leaf("inbox_id", "not_equal_to", [1])] }, read, name)).toEqual({ matched: false, explanation: "inbox is Support" });
    expect(evaluateTree({ operator: "and", conditions: [leaf("priority", "is_not_present", [])] }, read, name).matched).toBe(true);
    expect(evaluateTree({ operator: "and", conditions: [leaf("priority", "is_present", [])] }, read, name).explanation).toBe("priority is empty");
    expect(evaluateTree({ operator: "and", conditions: [leaf("content", "starts_with", ["please"])] }, read, name).matched).toBe(true);
    expect(evaluateTree({ operator: "and", conditions: [leaf("content", "matches", ["("])] }, read, name).matched).toBe(false);
  });

  it("a rule that does not match stops at its first failing condition: fewer reads, and only the failure's values put into words", () => {
    const reads: string[] = [];
    const named: string[] = [];
    const counting: FactReader = (l) => (reads.push(l.attribute_key), read(l));
    const naming = (l: ConditionLeaf, v: unknown) => (named.push(l.attribute_key), name(l, v));
    const tree: ConditionGroup = { operator: "and", conditions: [leaf("inbox_id", "equal_to", [2]), leaf("status", "equal_to", ["open"]), leaf("labels", "equal_to", ["vip"])] };
    expect(evaluateTree(tree, counting, naming)).toEqual({ matched: false, explanation: "inbox is not Sales (it is Support)" });
    expect(reads).toEqual(["inbox_id"]);
    expect(named).toEqual(["inbox_id"]);

    // An OR that passes stops at the passing branch and words only it.
    reads.length = 0;
    named.length = 0;
    const either: ConditionGroup = { operator: "or", conditions: [leaf("status", "equal_to", ["open"]), leaf("inbox_id", "equal_to", [2])] };
    expect(evaluateTree(either, counting, naming)).toEqual({ matched: true, explanation: "status is open" });
    expect(reads).toEqual(["status"]);
    expect(named).toEqual(["status"]);
  });
  it("one event, many rules: a condition several rules repeat is judged once, each rule still explained in its own words", () => {
    const reads: string[] = [];
    const counting: FactReader = (l) => (reads.push(l.attribute_key), read(l));
    const rules = ["refund", "invoice", "quote"].map((word): ConditionGroup => ({ operator: "and", conditions: [leaf("inbox_id", "equal_to", [1]), leaf("status", "equal_to", ["open"]), leaf("content", "contains", [word])] }));
    const verdicts = new Map();
    facts.content = "Please send a REFUND";
    const results = rules.map((tree) => evaluateTree(tree, counting, name, verdicts));
    expect(results.map((r) => [r.matched, r.explanation])).toEqual([
      [true, "inbox is Support and status is open and content contains refund"],
      [false, "content does not contain invoice"],
      [false, "content does not contain quote"],
    ]);
    // inbox and status once for the three rules, content once per word.
    expect(reads).toEqual(["inbox_id", "status", "content", "content", "content"]);
  });
  it("a failure's words are the same on every event when they show no value, and show each event's own value when they do", () => {
    const contains: ConditionGroup = { operator: "and", conditions: [leaf("content", "contains", ["invoice"])] };
    const inbox: ConditionGroup = { operator: "and", conditions: [leaf("inbox_id", "equal_to", [2])] };
    const named: string[] = [];
    const naming = (l: ConditionLeaf, v: unknown) => (named.push(l.attribute_key), name(l, v));
    facts.content = "hello";
    facts.inbox_id = "1";
    expect(evaluateTree(contains, read, naming, new Map()).explanation).toBe("content does not contain invoice");
    expect(evaluateTree(inbox, read, naming, new Map()).explanation).toBe("inbox is not Sales (it is Support)");
    facts.content = "good morning";
    facts.inbox_id = "3";
    inboxNames["3"] = "Billing";
    expect(evaluateTree(contains, read, naming, new Map()).explanation).toBe("content does not contain invoice");
    expect(evaluateTree(inbox, read, naming, new Map()).explanation).toBe("inbox is not Sales (it is Billing)");
    // The content rule's words were built once for both events; the inbox rule's twice (they show the inbox read).
    expect(named).toEqual(["content", "inbox_id", "inbox_id"]);
    facts.inbox_id = "1";
  });
});
