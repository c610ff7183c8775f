"use client";

import { Plus, X } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { filterAgentsAction } from "@/app/_server/actions/list-tools";
import { useOrganize } from "@/components/labels/organize-context";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { MultiValuePicker } from "./filter-multi-value";
import { builderAttributes, NUMBER_OPERATOR_LABELS, OPERATOR_LABELS, takesValue, type BuilderAttribute } from "./filter-attributes";
import type { FilterItem } from "./filter-url";

const control = "h-8 text-xs";
const FIRST_CONDITION: FilterItem = { attribute_key: "status", filter_operator: "equal_to", values: ["open"] };

/**
 * The filter builder: conditions of attribute, operator and value, each joined to the next by AND
 * or OR (AND binds first, as Chatwoot's filter reads them). "Apply" hands the conditions to the
 * list, which puts them in the URL; the server checks them (an unknown value comes back as a
 * message on the list).
 */
export function FilterBuilder({
  accountId,
  inboxes,
  meId,
  initial,
  onApply,
  onCancel,
  attributes: given,
  label = "Filter conversations",
  firstCondition = FIRST_CONDITION,
}: {
  accountId: number;
  inboxes: { id: number; name: string }[];
  meId: number;
  initial: FilterItem[];
  /** Another list's attributes (the contacts list's); the conversation attributes when absent. */
  attributes?: BuilderAttribute[];
  /** The form's accessible name. */
  label?: string;
  /** The condition a new row starts with. */
  firstCondition?: FilterItem;
  onApply: (items: FilterItem[]) => void;
  onCancel: () => void;
}) {
  const organize = useOrganize();
  const [agents, setAgents] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    // Another list's attributes name no agents: nothing to ask for.
    if (given) return;
    let live = true;
    void filterAgentsAction({ accountId }).then((r) => {
      if (live && r.ok) setAgents(r.data.map((a) => (a.id === meId ? { ...a, name: `${a.name} (me)` } : a)));
    });
    return () => {
      live = false;
    };
  }, [accountId, meId, given]);
  const attributes = useMemo(() => given ?? builderAttributes({ inboxes, organize, agents }), [given, inboxes, organize, agents]);
  const [items, setItems] = useState<FilterItem[]>(initial.length > 0 ? initial : [firstCondition]);
  const [error, setError] = useState<string | null>(null);

  const attributeOf = (key: string): BuilderAttribute | undefined => attributes.find((a) => a.key === key);
  const update = (i: number, next: Partial<FilterItem>) => setItems((all) => all.map((c, j) => (j === i ? { ...c, ...next } : c)));
  const setAttribute = (i: number, key: string) => {
    const attribute = attributeOf(key);
    const op = attribute?.operators[0] ?? "equal_to";
    const kind = attribute?.value(op);
    update(i, { attribute_key: key, filter_operator: op, values: kind?.type === "options" && kind.options[0] ? [kind.options[0].value] : [] });
  };
  const apply = () => {
    const missing = items.findIndex((c) => takesValue(c.filter_operator) && (c.values.length === 0 || c.values.every((v) => String(v).trim() === "")));
    if (missing !== -1) {
      setError(`Condition ${missing + 1} needs a value`);
      return;
    }
    setError(null);
    onApply(items.map((c, i) => ({ ...c, values: takesValue(c.filter_operator) ? c.values : [], ...(i < items.length - 1 ? { query_operator: c.query_operator ?? "and" } : { query_operator: undefined }) })));
  };

  return (
    <form
      aria-label={label}
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      {items.map((c, i) => {
        const attribute = attributeOf(c.attribute_key);
        const kind = attribute?.value(c.filter_operator) ?? { type: "text" as const };
        const isNumber = kind.type === "number" && c.filter_operator !== "days_before";
        return (
          <div key={i}>
            <fieldset aria-label={`Condition ${i + 1}`} className="flex flex-wrap items-center gap-1">
              <Select aria-label="Attribute" className={`${control} w-auto min-w-0 flex-1`} value={c.attribute_key} onChange={(e) => setAttribute(i, e.target.value)}>
                {attribute ? null : <option value={c.attribute_key}>{c.attribute_key}</option>}
                {attributes.map((a) => (
                  <option key={a.key} value={a.key}>
                    {a.label}
                  </option>
                ))}
              </Select>
              <Select aria-label="Operator" className={`${control} w-auto min-w-0 flex-1`} value={c.filter_operator} onChange={(e) => update(i, { filter_operator: e.target.value })}>
                {(attribute?.operators ?? [c.filter_operator]).map((op) => (
                  <option key={op} value={op}>
                    {(isNumber ? NUMBER_OPERATOR_LABELS[op] : undefined) ?? OPERATOR_LABELS[op] ?? op}
                  </option>
                ))}
              </Select>
              {takesValue(c.filter_operator) ? <ValueInput kind={kind} values={c.values} onChange={(values) => update(i, { values })} /> : null}
              <Button variant="ghost" size="sm" aria-label="Remove condition" disabled={items.length === 1} onClick={() => setItems((all) => all.filter((_, j) => j !== i))}>
                <X className="size-3.5" aria-hidden="true" />
              </Button>
            </fieldset>
            {i < items.length - 1 ? (
              <Select aria-label="Join with next" className={`${control} mt-1 w-20`} value={c.query_operator ?? "and"} onChange={(e) => update(i, { query_operator: e.target.value as "and" | "or" })}>
                <option value="and">AND</option>
                <option value="or">OR</option>
              </Select>
            ) : null}
          </div>
        );
      })}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={items.length >= 20}
          onClick={() => setItems((all) => [...all.slice(0, -1), { ...all[all.length - 1], query_operator: "and" }, firstCondition])}
        >
          <Plus className="size-3.5" aria-hidden="true" /> Add condition
        </Button>
        <span className="flex-1" />
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm">
          Apply filter
        </Button>
      </div>
    </form>
  );
}

function ValueInput({ kind, values, onChange }: { kind: ReturnType<BuilderAttribute["value"]>; values: FilterItem["values"]; onChange: (values: FilterItem["values"]) => void }) {
  const first = values[0] === undefined ? "" : String(values[0]);
  const className = `${control} w-auto min-w-0 flex-1`;
  if (kind.type === "options" && kind.multiple) return <MultiValuePicker options={kind.options} values={values} onChange={onChange} className="min-w-0 flex-1" />;
  if (kind.type === "options") {
    return (
      <Select aria-label="Value" className={className} value={first} onChange={(e) => onChange([e.target.value])}>
        {first === "" || kind.options.some((o) => o.value === first) ? null : <option value={first}>{first}</option>}
        <option value="">Choose…</option>
        {kind.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    );
  }
  if (kind.type === "date") return <Input aria-label="Value" type="date" className={className} value={first.slice(0, 10)} onChange={(e) => onChange([e.target.value])} />;
  if (kind.type === "number") return <Input aria-label="Value" type="number" min={0} className={className} value={first} onChange={(e) => onChange(e.target.value === "" ? [] : [Number(e.target.value)])} />;
  return <Input aria-label="Value" className={className} value={first} maxLength={500} onChange={(e) => onChange([e.target.value])} />;
}
