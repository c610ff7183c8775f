import type { OrganizeData } from "@/components/labels/organize-context";
import { SLA_BREACHED_ATTRIBUTE } from "@/components/sla/sla-filter";
import type { FilterItem } from "./filter-url";
import type { ListQuery } from "./list-query";

/**
 * What the filter builder offers: the attributes of Chatwoot's conversation filter with the
 * operators the domain takes for each (lib/conversations/filter/conversation-attributes.ts and
 * custom-attributes.ts), and the kind of value each asks for.
 */
/** `multiple`: the condition takes several of the options ("is" any of them, "is not" none of them). */
export type ValueKind = { type: "options"; options: { value: string; label: string }[]; multiple?: boolean } | { type: "date" } | { type: "number" } | { type: "text" } | { type: "none" };

export type BuilderAttribute = { key: string; label: string; operators: string[]; value: (operator: string) => ValueKind };

export const OPERATOR_LABELS: Record<string, string> = {
  equal_to: "is",
  not_equal_to: "is not",
  contains: "contains",
  does_not_contain: "does not contain",
  is_present: "is set",
  is_not_present: "is not set",
  is_greater_than: "is after",
  is_less_than: "is before",
  days_before: "is more than N days ago",
  starts_with: "starts with",
};
/** Numbers read "greater/less than", not "after/before". */
export const NUMBER_OPERATOR_LABELS: Record<string, string> = { is_greater_than: "is greater than", is_less_than: "is less than" };

const NO_VALUE = new Set(["is_present", "is_not_present"]);
export const takesValue = (operator: string) => !NO_VALUE.has(operator);

const options = (list: { value: string | number; label: string }[]): ValueKind => ({ type: "options", options: list.map((o) => ({ value: String(o.value), label: o.label })) });
/** Labels, inboxes, teams and assignees: several values with "is" / "is not". */
const anyOf = (list: { value: string | number; label: string }[]) => (op: string): ValueKind => ({
  type: "options",
  options: list.map((o) => ({ value: String(o.value), label: o.label })),
  multiple: op === "equal_to" || op === "not_equal_to",
});
const ID_OPS = ["equal_to", "not_equal_to", "is_present", "is_not_present"];
const DATE_OPS = ["is_greater_than", "is_less_than", "days_before"];
const dateValue = (op: string): ValueKind => (op === "days_before" ? { type: "number" } : { type: "date" });

export function builderAttributes(ctx: {
  inboxes: { id: number; name: string }[];
  organize: OrganizeData | null;
  agents: { id: number; name: string }[];
}): BuilderAttribute[] {
  const standard: BuilderAttribute[] = [
    {
      key: "status",
      label: "Status",
      operators: ["equal_to", "not_equal_to"],
      value: () => options(["open", "pending", "resolved", "snoozed", "all"].map((s) => ({ value: s, label: s === "all" ? "Any status" : s[0].toUpperCase() + s.slice(1) }))),
    },
    { key: "assignee_id", label: "Assignee", operators: ID_OPS, value: anyOf(ctx.agents.map((a) => ({ value: a.id, label: a.name }))) },
    { key: "inbox_id", label: "Inbox", operators: ID_OPS, value: anyOf(ctx.inboxes.map((i) => ({ value: i.id, label: i.name }))) },
    { key: "team_id", label: "Team", operators: ID_OPS, value: anyOf((ctx.organize?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))) },
    { key: "labels", label: "Label", operators: ID_OPS, value: anyOf((ctx.organize?.labels ?? []).map((l) => ({ value: l.title, label: l.title }))) },
    {
      key: "priority",
      label: "Priority",
      operators: ["equal_to", "not_equal_to"],
      value: () => options(["urgent", "high", "medium", "low", "none"].map((p) => ({ value: p, label: p === "none" ? "No priority" : p[0].toUpperCase() + p.slice(1) }))),
    },
    { key: "created_at", label: "Created", operators: DATE_OPS, value: dateValue },
    { key: "last_activity_at", label: "Last activity", operators: DATE_OPS, value: dateValue },
    { key: "mail_subject", label: "Email subject", operators: ["equal_to", "not_equal_to", "contains", "does_not_contain"], value: () => ({ type: "text" }) },
    { key: "display_id", label: "Conversation number", operators: ["equal_to", "not_equal_to"], value: () => ({ type: "number" }) },
    SLA_BREACHED_ATTRIBUTE,
  ];
  const custom = (ctx.organize?.definitions ?? [])
    .filter((d) => d.model === "conversation_attribute")
    .map((d): BuilderAttribute => {
      const presence = ["is_present", "is_not_present"];
      switch (d.type) {
        case "number":
        case "currency":
        case "percent":
          return { key: d.key, label: d.name, operators: ["equal_to", "not_equal_to", "is_greater_than", "is_less_than", ...presence], value: () => ({ type: "number" }) };
        case "date":
          return { key: d.key, label: d.name, operators: [...DATE_OPS, ...presence], value: dateValue };
        case "checkbox":
          return { key: d.key, label: d.name, operators: ["equal_to", "not_equal_to", ...presence], value: () => options([{ value: "true", label: "Checked" }, { value: "false", label: "Unchecked" }]) };
        case "list":
          return { key: d.key, label: d.name, operators: ["equal_to", "not_equal_to", ...presence], value: () => options(d.values.map((v) => ({ value: v, label: v }))) };
        default:
          return { key: d.key, label: d.name, operators: ["equal_to", "not_equal_to", "contains", "does_not_contain", ...presence], value: () => ({ type: "text" }) };
      }
    });
  return [...standard, ...custom];
}

/** The builder's starting conditions when no filter is active: what the quick filters show now. */
export function itemsFromQuickFilters(query: ListQuery, inboxId: number | undefined): FilterItem[] {
  const items: FilterItem[] = [{ attribute_key: "status", filter_operator: "equal_to", values: [query.status] }];
  if (inboxId) items.push({ attribute_key: "inbox_id", filter_operator: "equal_to", values: [inboxId] });
  if (query.labels?.length) items.push({ attribute_key: "labels", filter_operator: "equal_to", values: query.labels });
  if (query.teamId) items.push({ attribute_key: "team_id", filter_operator: "equal_to", values: [query.teamId] });
  if (query.priority?.length) items.push({ attribute_key: "priority", filter_operator: "equal_to", values: query.priority });
  return items.map((c, i) => (i < items.length - 1 ? { ...c, query_operator: "and" } : c));
}
