import type { BuilderAttribute, ValueKind } from "@/components/conversations/filter-attributes";
import type { FilterItem } from "@/components/conversations/filter-url";

/**
 * What the contacts filter builder offers: the attributes of Chatwoot's contact filter with the
 * operators the domain takes for each (lib/contacts/filter/contact-attributes.ts).
 */
const TEXT = ["equal_to", "not_equal_to", "contains", "does_not_contain"];
const DATE = ["is_greater_than", "is_less_than", "days_before"];
const text = (): ValueKind => ({ type: "text" });
const date = (op: string): ValueKind => (op === "days_before" ? { type: "number" } : { type: "date" });

export const CONTACT_BUILDER_ATTRIBUTES: BuilderAttribute[] = [
  { key: "name", label: "Name", operators: TEXT, value: text },
  { key: "email", label: "Email", operators: TEXT, value: text },
  { key: "phone_number", label: "Phone number", operators: [...TEXT, "starts_with"], value: text },
  { key: "identifier", label: "Identifier", operators: ["equal_to", "not_equal_to"], value: text },
  { key: "company", label: "Company", operators: TEXT, value: text },
  { key: "city", label: "City", operators: TEXT, value: text },
  { key: "country_code", label: "Country code", operators: ["equal_to", "not_equal_to"], value: text },
  { key: "created_at", label: "Created", operators: DATE, value: date },
  { key: "last_activity_at", label: "Last activity", operators: DATE, value: date },
];

/** The builder's first condition for contacts. */
export const FIRST_CONTACT_CONDITION: FilterItem = { attribute_key: "email", filter_operator: "contains", values: [""] };
