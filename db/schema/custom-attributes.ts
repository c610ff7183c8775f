import { index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

// Chatwoot's enums, by name (its API accepts and answers the names; 0/1 are accepted on input).
export const customAttributeModel = pgEnum("custom_attribute_model", ["conversation_attribute", "contact_attribute"]);
export const customAttributeDisplayType = pgEnum("custom_attribute_display_type", ["text", "number", "currency", "percent", "link", "date", "list", "checkbox"]);

/**
 * Custom attribute definitions (Chatwoot's CustomAttributeDefinition): which keys of a
 * conversation's or contact's `custom_attributes` the account uses, how they are shown and edited.
 * Values stay in the owners' jsonb columns, as in Chatwoot.
 */
export const customAttributeDefinitions = pgTable(
  "custom_attribute_definitions",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    attributeModel: customAttributeModel().notNull().default("conversation_attribute"),
    attributeKey: text().notNull(),
    attributeDisplayName: text().notNull(),
    attributeDisplayType: customAttributeDisplayType().notNull().default("text"),
    attributeDescription: text(),
    /** The choices of a list attribute. */
    attributeValues: jsonb().$type<string[]>().notNull().default([]),
    regexPattern: text(),
    regexCue: text(),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("custom_attribute_definitions_key").on(t.accountId, t.attributeModel, t.attributeKey),
    index("custom_attribute_definitions_account_idx").on(t.accountId, t.attributeModel, t.position),
  ],
);

export type CustomAttributeDefinition = typeof customAttributeDefinitions.$inferSelect;
