/**
 * The list's advanced filter (Chatwoot's `POST /conversations/filter` payload) in the URL, so a
 * filtered list survives a reload and can be shared as a link. `?filter=` holds the conditions as
 * compact JSON tuples `[attribute_key, filter_operator, values, joiner?]`, the joiner ("or") only
 * when it is not "and". Decoding checks the shape only; which attributes and values are valid is
 * the domain's answer (lib/conversations/filter/payload.ts), shown on the list when it refuses.
 * Runs in the browser and on the server: no database or validation library here.
 */
export type FilterValue = string | number | boolean;

/** One condition, as Chatwoot's payload spells it. `query_operator` joins it to the next one. */
export type FilterItem = {
  attribute_key: string;
  filter_operator: string;
  values: FilterValue[];
  query_operator?: "and" | "or";
};

/** As lib/conversations/filter/payload.ts (MAX_FILTER_CONDITIONS): a longer URL filter is not ours. */
export const MAX_URL_CONDITIONS = 20;
const MAX_VALUES = 100;

type Tuple = [string, string, FilterValue[]] | [string, string, FilterValue[], "or"];

export function encodeFilter(items: readonly FilterItem[]): string {
  const tuples: Tuple[] = items.map((c, i) => {
    const last = i === items.length - 1;
    return !last && c.query_operator === "or" ? [c.attribute_key, c.filter_operator, c.values, "or"] : [c.attribute_key, c.filter_operator, c.values];
  });
  return JSON.stringify(tuples);
}

const isValue = (v: unknown): v is FilterValue => (typeof v === "string" && v.length <= 500) || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";
const isName = (v: unknown): v is string => typeof v === "string" && /^[A-Za-z0-9_]{1,100}$/.test(v);

/** The conditions of a `?filter=` value, or undefined when it is not one (a mangled link shows the unfiltered list). */
export function decodeFilter(raw: string | undefined): FilterItem[] | undefined {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_URL_CONDITIONS) return undefined;
  const items: FilterItem[] = [];
  for (const [i, t] of parsed.entries()) {
    if (!Array.isArray(t) || t.length < 3 || t.length > 4) return undefined;
    const [key, op, values, joiner] = t as unknown[];
    if (!isName(key) || !isName(op) || !Array.isArray(values) || values.length > MAX_VALUES || !values.every(isValue)) return undefined;
    if (joiner !== undefined && joiner !== "or") return undefined;
    const last = i === parsed.length - 1;
    items.push({ attribute_key: key, filter_operator: op, values, ...(last ? {} : { query_operator: joiner ?? "and" }) });
  }
  return items;
}

/** The payload for the API and the domain (Chatwoot's casing of the joiner, none on the last condition). */
export function toPayload(items: readonly FilterItem[]): { attribute_key: string; filter_operator: string; values: FilterValue[]; query_operator?: "AND" | "OR" }[] {
  return items.map((c, i) => ({
    attribute_key: c.attribute_key,
    filter_operator: c.filter_operator,
    values: c.values,
    ...(i < items.length - 1 ? { query_operator: c.query_operator === "or" ? ("OR" as const) : ("AND" as const) } : {}),
  }));
}

/** A saved view's query (`{payload: [...]}` as Chatwoot's dashboard stores it) as conditions, or undefined. */
export function itemsOfQuery(query: unknown): FilterItem[] | undefined {
  const payload = (query as { payload?: unknown } | null)?.payload;
  if (!Array.isArray(payload)) return undefined;
  const tuples = payload.map((c: { attribute_key?: unknown; filter_operator?: unknown; values?: unknown; query_operator?: unknown }) => {
    const values = Array.isArray(c?.values) ? c.values : c?.values === undefined ? [] : [c.values];
    // Chatwoot's dashboard saves options as {id, name}.
    const flat = values.map((v: unknown) => (v !== null && typeof v === "object" && "id" in v ? (v as { id: FilterValue }).id : v));
    return String(c?.query_operator ?? "").toLowerCase() === "or" ? [c?.attribute_key, c?.filter_operator, flat, "or"] : [c?.attribute_key, c?.filter_operator, flat];
  });
  return decodeFilter(JSON.stringify(tuples));
}
