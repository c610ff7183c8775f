import type { FilterOperator } from "./conditions";

/** A condition's verdict in the run log's words: "inbox is not Support (it is Sales)", "content contains invoice". */

export function passText(op: FilterOperator, what: string, expected: string[]): string {
  const values = expected.join(" or ");
  const verb = {
    equal_to: "is",
    not_equal_to: "is not",
    contains: "contains",
    does_not_contain: "does not contain",
    starts_with: "starts with",
    is_present: "is present",
    is_not_present: "is empty",
    matches: "matches",
    is_greater_than: "is greater than",
    is_less_than: "is less than",
  }[op];
  return op === "is_present" || op === "is_not_present" ? `${what} ${verb}` : `${what} ${verb} ${values}`;
}

export function failText(op: FilterOperator, what: string, expected: string[], shown: string): string {
  const values = expected.join(" or ");
  const actual = shown || "empty";
  switch (op) {
    case "equal_to":
      return `${what} is not ${values}${shown ? ` (it is ${shown})` : ""}`;
    case "not_equal_to":
    case "is_not_present":
      return `${what} is ${actual}`;
    case "contains":
      return `${what} does not contain ${values}`;
    case "does_not_contain":
      return `${what} contains ${values}`;
    case "starts_with":
      return `${what} does not start with ${values}`;
    case "is_present":
      return `${what} is empty`;
    case "matches":
      return `${what} does not match ${values}`;
    case "is_greater_than":
      return `${what} is ${actual}, not greater than ${values}`;
    case "is_less_than":
      return `${what} is ${actual}, not less than ${values}`;
  }
}
