import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customAttributeDefinitions, type CustomAttributeDefinition } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { dateCondition, requireValues, textCondition, type AttributeFilter, type FilterOperator, type FilterValue } from "./operators";
import type { AttributeLookup, FilterCondition } from "./payload";

type Model = CustomAttributeDefinition["attributeModel"];

/**
 * Custom attributes in a filter: the key must be one the account defined for that model, and its
 * display type decides the comparison (Chatwoot's mapping: text, link and list compare as text,
 * number/currency/percent as numbers, date as dates, checkbox as a boolean). Values live in the
 * owner's `custom_attributes` jsonb; these conditions are checked while the list's order index is
 * walked, with no index of their own.
 */
export async function withCustomAttributes(db: DbOrTx, accountId: number, model: Model, column: unknown, standard: AttributeLookup, conditions: readonly FilterCondition[]): Promise<AttributeLookup> {
  const keys = [...new Set(conditions.filter((c) => !standard(c)).map((c) => c.attribute_key))];
  if (keys.length === 0) return standard;
  const defs = await db
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.accountId, accountId), eq(customAttributeDefinitions.attributeModel, model), inArray(customAttributeDefinitions.attributeKey, keys)));
  const byKey = new Map(defs.map((d) => [d.attributeKey, customAttribute(column, d)]));
  return (c) => standard(c) ?? byKey.get(c.attribute_key);
}

const TEXT: readonly FilterOperator[] = ["equal_to", "not_equal_to", "contains", "does_not_contain", "is_present", "is_not_present"];

function customAttribute(column: unknown, def: CustomAttributeDefinition): AttributeFilter {
  const value = sql`(${column} ->> ${def.attributeKey})`;
  const presence = (op: FilterOperator): SQL | null => (op === "is_present" ? sql`${value} is not null` : op === "is_not_present" ? sql`${value} is null` : null);
  switch (def.attributeDisplayType) {
    case "number":
    case "currency":
    case "percent":
      return {
        operators: ["equal_to", "not_equal_to", "is_greater_than", "is_less_than", "is_present", "is_not_present"],
        build: (op, values, key) => presence(op) ?? numberCondition(value, key, op, values),
      };
    case "date":
      return {
        operators: ["is_greater_than", "is_less_than", "days_before", "is_present", "is_not_present"],
        // A stored value that is not a date reads as absent rather than failing the whole query.
        build: (op, values, key) => presence(op) ?? dateCondition(sql`(case when ${value} ~ '^\\d{4}-\\d{2}-\\d{2}' then ${value}::timestamptz end)`, key, op, values),
      };
    case "checkbox":
      return {
        operators: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
        build: (op, values, key) => {
          const p = presence(op);
          if (p) return p;
          const wanted = requireValues(key, values).map((v) => v === true || String(v).toLowerCase() === "true");
          const matches = sql`coalesce((${value})::boolean, false) in (${sql.join(wanted.map((w) => sql`${w}`), sql`, `)})`;
          return op === "equal_to" ? matches : sql`not ${matches}`;
        },
      };
    default:
      return { operators: TEXT, build: (op, values, key) => presence(op) ?? textCondition(value, key, op, values) };
  }
}

function numberCondition(value: SQL, key: string, op: FilterOperator, values: FilterValue[]): SQL {
  const numbers = requireValues(key, values).map((v) => {
    const n = typeof v === "number" ? v : Number(String(v).trim());
    if (!Number.isFinite(n)) throw invalid(`${key}: ${JSON.stringify(v)} is not a number`, { attribute_key: key });
    return n;
  });
  // Only numeric text is cast, so one bad stored value cannot fail the query.
  const num = sql`(case when ${value} ~ '^-?\\d+(\\.\\d+)?$' then ${value}::numeric end)`;
  const list = sql.join(numbers.map((n) => sql`${n}::numeric`), sql`, `);
  if (op === "is_greater_than") return sql`${num} > ${numbers[0]}::numeric`;
  if (op === "is_less_than") return sql`${num} < ${numbers[0]}::numeric`;
  return op === "equal_to" ? sql`${num} in (${list})` : sql`(${num} is null or ${num} not in (${list}))`;
}
