import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { invalid } from "@/lib/errors";
import { FILTER_OPERATORS, type AttributeFilter, type FilterValue } from "./operators";

/** Enough for any view a person builds; a bound on the SQL a request can make. */
export const MAX_FILTER_CONDITIONS = 20;

const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);
// Chatwoot's dashboard sends options as objects ({id, name}); clients send scalars.
const value = z.union([scalar, z.object({ id: z.union([z.string(), z.number()]) }).passthrough().transform((o) => o.id)]);

export const filterCondition = z.object({
  attribute_key: z.string().min(1).max(100),
  filter_operator: z.enum(FILTER_OPERATORS),
  // A single value is accepted as a list of one, as Chatwoot's service does.
  values: z.union([z.array(value).max(100), value]).transform((v) => (Array.isArray(v) ? v : [v])).default([]),
  query_operator: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(["AND", "OR"]))
    .nullable()
    .optional(),
  /** Chatwoot's marker for a custom attribute (conversation_attribute / contact_attribute). */
  custom_attribute_type: z.string().max(50).nullable().optional(),
  attribute_model: z.string().max(50).nullable().optional(),
});
export type FilterCondition = z.output<typeof filterCondition>;

export const filterPayload = z.array(filterCondition).min(1, "payload needs at least one condition").max(MAX_FILTER_CONDITIONS);

/** Looks an attribute up; custom attributes are resolved by the caller's own lookup. */
export type AttributeLookup = (condition: FilterCondition) => AttributeFilter | undefined;

/**
 * The payload as one SQL condition. Items are joined by their query_operator in order, with SQL's
 * precedence (AND before OR), exactly as Chatwoot strings them together; the last item's operator
 * joins nothing. An unknown attribute or an operator the attribute does not take is a 422, never
 * a condition silently dropped.
 */
export function compileFilter(conditions: readonly FilterCondition[], lookup: AttributeLookup): SQL {
  const parts: SQL[] = [];
  conditions.forEach((c, i) => {
    const attribute = lookup(c);
    if (!attribute) throw invalid(`${c.attribute_key} is not a filterable attribute`, { attribute_key: c.attribute_key });
    if (!attribute.operators.includes(c.filter_operator)) {
      throw invalid(`${c.attribute_key} does not take ${c.filter_operator} (it takes ${attribute.operators.join(", ")})`, { attribute_key: c.attribute_key });
    }
    if (i > 0) parts.push(conditions[i - 1].query_operator === "OR" ? sql` or ` : sql` and `);
    parts.push(sql`(${attribute.build(c.filter_operator, c.values as FilterValue[], c.attribute_key)})`);
  });
  return sql`(${sql.join(parts, sql``)})`;
}
