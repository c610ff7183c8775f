"use client";

import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import type { EditorOptions } from "./options";

export type Leaf = { attribute_key: string; filter_operator: string; values: unknown[] };
export type Group = { operator: "and" | "or"; conditions: (Leaf | Group)[] };
const isGroup = (c: Leaf | Group): c is Group => "conditions" in c;

const ATTRIBUTES: { key: string; name: string }[] = [
  { key: "content", name: "Message content" },
  { key: "message_type", name: "Message type" },
  { key: "inbox_id", name: "Inbox" },
  { key: "team_id", name: "Team" },
  { key: "assignee_id", name: "Assignee" },
  { key: "status", name: "Status" },
  { key: "priority", name: "Priority" },
  { key: "labels", name: "Labels" },
  { key: "email", name: "Contact email" },
  { key: "sender_email", name: "Sender email" },
  { key: "sender_domain", name: "Sender domain" },
  { key: "mail_subject", name: "Mail subject" },
  { key: "mail_header:list-id", name: "Mail header List-Id" },
  { key: "business_hours", name: "Business hours (the inbox's)" },
];
const OPERATORS: { key: string; name: string }[] = [
  { key: "equal_to", name: "is" },
  { key: "not_equal_to", name: "is not" },
  { key: "contains", name: "contains" },
  { key: "does_not_contain", name: "does not contain" },
  { key: "starts_with", name: "starts with" },
  { key: "matches", name: "matches (pattern)" },
  { key: "is_present", name: "is present" },
  { key: "is_not_present", name: "is empty" },
];

/**
 * Nested AND/OR groups of conditions: each group says whether all or any of its items must hold,
 * and an item is a condition or another group (at most a few deep, which the server checks).
 */
export function ConditionEditor({ value, onChange, options, depth = 0, path = "Conditions" }: { value: Group; onChange: (g: Group) => void; options: EditorOptions; depth?: number; path?: string }) {
  const set = (i: number, c: Leaf | Group) => onChange({ ...value, conditions: value.conditions.map((x, j) => (j === i ? c : x)) });
  const remove = (i: number) => onChange({ ...value, conditions: value.conditions.filter((_, j) => j !== i) });
  return (
    <fieldset className={depth > 0 ? "rounded-md border border-slate-200 p-3" : ""} aria-label={path}>
      <div className="mb-2 flex items-center gap-2 text-sm text-slate-600">
        <span>Match</span>
        <Select aria-label={`${path}: match`} value={value.operator} onChange={(e) => onChange({ ...value, operator: e.target.value === "or" ? "or" : "and" })} className="w-28">
          <option value="and">all of</option>
          <option value="or">any of</option>
        </Select>
        <span>these:</span>
      </div>
      <ul className="space-y-2">
        {value.conditions.map((c, i) => (
          <li key={i} className="flex items-start gap-2">
            {isGroup(c) ? (
              <ConditionEditor value={c} onChange={(g) => set(i, g)} options={options} depth={depth + 1} path={`${path} › group ${i + 1}`} />
            ) : (
              <LeafEditor leaf={c} onChange={(l) => set(i, l)} options={options} label={`${path} › condition ${i + 1}`} />
            )}
            <Button type="button" variant="ghost" size="sm" onClick={() => remove(i)} aria-label={`Remove ${path} › ${isGroup(c) ? "group" : "condition"} ${i + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex gap-2">
        <Button type="button" variant="secondary" size="sm" onClick={() => onChange({ ...value, conditions: [...value.conditions, { attribute_key: "content", filter_operator: "contains", values: [] }] })}>
          {depth === 0 ? "Add condition" : "Add condition to group"}
        </Button>
        {depth < 3 ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => onChange({ ...value, conditions: [...value.conditions, { operator: value.operator === "and" ? "or" : "and", conditions: [] }] })}>
            {depth === 0 ? "Add group" : "Add nested group"}
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}

function LeafEditor({ leaf, onChange, options, label }: { leaf: Leaf; onChange: (l: Leaf) => void; options: EditorOptions; label: string }) {
  const noValue = leaf.filter_operator === "is_present" || leaf.filter_operator === "is_not_present";
  const choices = valueChoices(leaf.attribute_key, options);
  const current = leaf.values[0] === undefined ? "" : String(leaf.values[0]);
  return (
    <div className="flex flex-1 flex-wrap items-center gap-2">
      <Select aria-label={`${label}: attribute`} value={leaf.attribute_key} onChange={(e) => onChange({ ...leaf, attribute_key: e.target.value, values: [] })} className="w-48">
        {ATTRIBUTES.map((a) => (
          <option key={a.key} value={a.key}>
            {a.name}
          </option>
        ))}
      </Select>
      <Select aria-label={`${label}: operator`} value={leaf.filter_operator} onChange={(e) => onChange({ ...leaf, filter_operator: e.target.value })} className="w-44">
        {OPERATORS.map((o) => (
          <option key={o.key} value={o.key}>
            {o.name}
          </option>
        ))}
      </Select>
      {noValue ? null : choices ? (
        <Select aria-label={`${label}: value`} value={current} onChange={(e) => onChange({ ...leaf, values: e.target.value === "" ? [] : [e.target.value] })} className="w-44">
          <option value="">Choose…</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.name}
            </option>
          ))}
        </Select>
      ) : (
        <Input aria-label={`${label}: value`} className="min-w-40 flex-1" value={current} onChange={(e) => onChange({ ...leaf, values: e.target.value === "" ? [] : [e.target.value] })} />
      )}
    </div>
  );
}

function valueChoices(key: string, o: EditorOptions): { value: string; name: string }[] | null {
  const named = (items: { id: number; name: string }[]) => items.map((i) => ({ value: String(i.id), name: i.name }));
  switch (key) {
    case "inbox_id":
      return named(o.inboxes);
    case "team_id":
      return named(o.teams);
    case "assignee_id":
      return named(o.agents);
    case "labels":
      return o.labels.map((l) => ({ value: l, name: l }));
    case "status":
      return ["open", "pending", "resolved", "snoozed"].map((s) => ({ value: s, name: s }));
    case "priority":
      return ["urgent", "high", "medium", "low"].map((s) => ({ value: s, name: s }));
    case "message_type":
      return ["incoming", "outgoing", "private_note"].map((s) => ({ value: s, name: s }));
    case "business_hours":
      return [
        { value: "inside", name: "inside" },
        { value: "outside", name: "outside" },
      ];
  }
  return null;
}
