import type { ListRow } from "./list-row";
import { slaBreachedMatches } from "@/components/sla/sla-filter";
import type { FilterItem, FilterValue } from "./filter-url";

/**
 * Whether a live row still matches the list's advanced filter, judged in the browser from the
 * row's own fields (the event carries the whole row) with the domain's rules
 * (lib/conversations/filter/conversation-attributes.ts). An attribute a row does not carry (custom
 * attributes, mail headers) cannot be judged here: such a condition counts as matching, so a row
 * is never dropped on a guess; the next render is exact.
 */
export function matchesFilter(row: ListRow, items: readonly FilterItem[]): boolean {
  // Chatwoot strings the conditions together with SQL's precedence: AND binds before OR.
  let any = false;
  let group = true;
  items.forEach((c, i) => {
    group = group && matchesCondition(row, c);
    const joiner = i < items.length - 1 ? (c.query_operator ?? "and") : "or";
    if (joiner === "or") {
      any = any || group;
      group = true;
    }
  });
  return any;
}

const ids = (values: FilterValue[]) => values.map((v) => Number(v));
const DAY_MS = 86_400_000;

function inSet(op: string, value: number | string | null, set: (number | string)[]): boolean | undefined {
  switch (op) {
    case "equal_to":
      return value !== null && set.includes(value);
    case "not_equal_to":
      return value === null || !set.includes(value);
    case "is_present":
      return value !== null;
    case "is_not_present":
      return value === null;
    default:
      return undefined;
  }
}

function dateMatches(op: string, at: Date, values: FilterValue[]): boolean | undefined {
  const first = values[0];
  if (first === undefined) return undefined;
  let bound: number;
  if (op === "days_before") {
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    bound = today.getTime() - Number(first) * DAY_MS;
  } else {
    bound = Date.parse(String(first));
  }
  if (Number.isNaN(bound)) return undefined;
  return op === "is_greater_than" ? at.getTime() > bound : at.getTime() < bound;
}

function matchesCondition(row: ListRow, c: FilterItem): boolean {
  const op = c.filter_operator;
  let result: boolean | undefined;
  switch (c.attribute_key) {
    case "status": {
      const wanted = c.values.map((v) => String(v).toLowerCase());
      if (wanted.includes("all")) result = op === "equal_to";
      else result = inSet(op, row.status, wanted);
      break;
    }
    case "priority":
      result = inSet(op, row.priority ?? "none", c.values.map((v) => String(v).toLowerCase()));
      break;
    case "assignee_id":
      result = inSet(op, row.assignee?.id ?? null, ids(c.values));
      break;
    case "team_id":
      result = inSet(op, row.team?.id ?? null, ids(c.values));
      break;
    case "inbox_id":
      result = inSet(op, row.inboxId, ids(c.values));
      break;
    case "display_id":
      result = inSet(op, row.displayId, ids(c.values));
      break;
    case "labels": {
      const wanted = c.values.map((v) => String(v).trim().toLowerCase());
      const has = row.labels.some((l) => wanted.includes(l.toLowerCase()));
      result = op === "equal_to" ? has : op === "not_equal_to" ? !has : op === "is_present" ? row.labels.length > 0 : op === "is_not_present" ? row.labels.length === 0 : undefined;
      break;
    }
    case "created_at":
      result = dateMatches(op, row.createdAt, c.values);
      break;
    case "last_activity_at":
      result = dateMatches(op, row.lastActivityAt, c.values);
      break;
    case "sla_breached":
      result = slaBreachedMatches(row, op, c.values);
      break;
  }
  return result ?? true;
}
