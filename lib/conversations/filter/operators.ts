import { sql, type SQL } from "drizzle-orm";
import { invalid } from "@/lib/errors";

/**
 * The condition language of Chatwoot's filters (`POST /conversations/filter`, `/contacts/filter`,
 * saved `custom_filters`): a list of `{attribute_key, filter_operator, values, query_operator}`,
 * where each item's query_operator (AND/OR) joins it to the next one.
 */
export const FILTER_OPERATORS = [
  "equal_to",
  "not_equal_to",
  "contains",
  "does_not_contain",
  "is_present",
  "is_not_present",
  "is_greater_than",
  "is_less_than",
  "days_before",
  "starts_with",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** A value as clients send it: a scalar, or an option object from Chatwoot's dashboard ({id, name}). */
export type FilterValue = string | number | boolean;

/** How one attribute turns an operator and its values into a condition. */
export type AttributeFilter = {
  operators: readonly FilterOperator[];
  build: (operator: FilterOperator, values: FilterValue[], key: string) => SQL;
};

const fail = (key: string, message: string) => invalid(`${key}: ${message}`, { attribute_key: key });

export function requireValues(key: string, values: FilterValue[]): FilterValue[] {
  if (values.length === 0) throw fail(key, "needs at least one value");
  return values;
}

/** Escapes LIKE's wildcards so a value matches literally (Chatwoot passes them through). */
export const likePattern = (value: string, prefix = true) => `${prefix ? "%" : ""}${value.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Positive integer ids (inbox, assignee, team, display id). */
export function idValues(key: string, values: FilterValue[]): number[] {
  return requireValues(key, values).map((v) => {
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,9}$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) throw fail(key, `${JSON.stringify(v)} is not an id`);
    return n;
  });
}

/** Values that must be one of a fixed set (status, priority). */
export function enumValues<T extends string>(key: string, values: FilterValue[], allowed: readonly T[]): T[] {
  return requireValues(key, values).map((v) => {
    const s = String(v).trim().toLowerCase();
    const hit = allowed.find((a) => a === s);
    if (!hit) throw fail(key, `${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
    return hit;
  });
}

/** The one date of a range operator, as an instant; days_before counts whole days back from today (UTC). */
export function dateBound(key: string, operator: FilterOperator, values: FilterValue[]): Date {
  const [first] = requireValues(key, values);
  if (operator === "days_before") {
    const days = typeof first === "number" ? first : /^\d{1,5}$/.test(String(first).trim()) ? Number(first) : NaN;
    if (!Number.isSafeInteger(days)) throw fail(key, "days_before takes a number of days");
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    return new Date(today.getTime() - days * 86_400_000);
  }
  const s = String(first).trim();
  const d = /^\d{4}-\d{2}-\d{2}/.test(s) ? new Date(s) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw fail(key, `${JSON.stringify(first)} is not a date (YYYY-MM-DD)`);
  return d;
}

/** `col in (…)` / `col not in (…)`, where "not equal" keeps rows with no value at all. */
export function inList(column: SQL | SQL.Aliased | unknown, operator: FilterOperator, values: unknown[], cast = ""): SQL {
  const list = sql.join(
    values.map((v) => (cast ? sql`${v}::${sql.raw(cast)}` : sql`${v}`)),
    sql`, `,
  );
  return operator === "equal_to" ? sql`${column} in (${list})` : sql`(${column} is null or ${column} not in (${list}))`;
}

/** A date column against the operator's bound. */
export function dateCondition(column: unknown, key: string, operator: FilterOperator, values: FilterValue[]): SQL {
  const bound = dateBound(key, operator, values).toISOString();
  return operator === "is_greater_than" ? sql`${column} > ${bound}::timestamptz` : sql`${column} < ${bound}::timestamptz`;
}

/** Text (case-insensitive): equality, contains, starts with, presence. */
export function textCondition(expr: SQL, key: string, operator: FilterOperator, values: FilterValue[]): SQL {
  switch (operator) {
    case "is_present":
      return sql`coalesce(${expr}, '') <> ''`;
    case "is_not_present":
      return sql`coalesce(${expr}, '') = ''`;
    case "equal_to":
    case "not_equal_to": {
      // ILIKE without wildcards: case-insensitive equality that a trigram index can serve.
      const exact = requireValues(key, values).map((v) => likePattern(String(v), false).slice(0, -1));
      const any = sql.join(
        exact.map((p) => sql`${expr} ilike ${p}`),
        sql` or `,
      );
      return operator === "equal_to" ? sql`(${any})` : sql`not coalesce((${any}), false)`;
    }
    case "contains":
    case "does_not_contain":
    case "starts_with": {
      const patterns = requireValues(key, values).map((v) => likePattern(String(v), operator !== "starts_with"));
      const any = sql.join(
        patterns.map((p) => sql`${expr} ilike ${p}`),
        sql` or `,
      );
      return operator === "does_not_contain" ? sql`not coalesce((${any}), false)` : sql`(${any})`;
    }
    default:
      throw fail(key, `${operator} is not supported`);
  }
}
