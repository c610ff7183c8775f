import { sql } from "drizzle-orm";
import { contacts } from "@/db/schema";
import { dateCondition, textCondition, type AttributeFilter, type FilterOperator } from "@/lib/conversations/filter/operators";
import type { DbOrTx } from "@/db/client";
import { withCustomAttributes } from "@/lib/conversations/filter/custom-attributes";
import type { AttributeLookup, FilterCondition } from "@/lib/conversations/filter/payload";

const TEXT: readonly FilterOperator[] = ["equal_to", "not_equal_to", "contains", "does_not_contain"];

/** A text column, case-insensitive; the trigram indexes on name, email, phone and identifier serve ILIKE. */
const column = (col: unknown, operators: readonly FilterOperator[] = TEXT): AttributeFilter => ({
  operators,
  build: (op, values, key) => textCondition(sql`${col}`, key, op, values),
});
const additional = (operators: readonly FilterOperator[]): AttributeFilter => ({
  operators,
  build: (op, values, key) => textCondition(sql`(${contacts.additionalAttributes} ->> ${key})`, key, op, values),
});
const date = (col: unknown): AttributeFilter => ({
  operators: ["is_greater_than", "is_less_than", "days_before"],
  build: (op, values, key) => dateCondition(col, key, op, values),
});

/** The contact attributes `POST /contacts/filter` takes, with Chatwoot's keys and operators. */
export const CONTACT_ATTRIBUTES: Record<string, AttributeFilter> = {
  name: column(contacts.name),
  email: column(contacts.email),
  phone_number: column(contacts.phoneNumber, [...TEXT, "starts_with"]),
  identifier: column(contacts.identifier, ["equal_to", "not_equal_to"]),
  country_code: additional(["equal_to", "not_equal_to"]),
  city: additional(TEXT),
  company: additional(TEXT),
  created_at: date(contacts.createdAt),
  last_activity_at: date(contacts.lastActivityAt),
};

export const contactAttribute: AttributeLookup = (c) => (Object.hasOwn(CONTACT_ATTRIBUTES, c.attribute_key) ? CONTACT_ATTRIBUTES[c.attribute_key] : undefined);

/** The standard attributes plus the account's contact custom attributes the payload names. */
export const contactLookupFor = (db: DbOrTx, accountId: number, conditions: readonly FilterCondition[]) =>
  withCustomAttributes(db, accountId, "contact_attribute", contacts.customAttributes, contactAttribute, conditions);
