import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

export const macroVisibility = pgEnum("macro_visibility", ["personal", "global"]);

/** One action of a macro or rule, as Chatwoot stores it: `{action_name, action_params: [...]}`. */
export type StoredAction = { action_name: string; action_params?: unknown[] };

/**
 * Macros (Chatwoot's Macro): a named list of actions an agent runs on conversations. Personal
 * macros are seen and run by their creator only; global ones by everyone in the account.
 */
export const macros = pgTable(
  "macros",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    visibility: macroVisibility().notNull().default("personal"),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    updatedById: integer().references(() => users.id, { onDelete: "set null" }),
    actions: jsonb().$type<StoredAction[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("macros_account_idx").on(t.accountId, t.visibility, t.createdById)],
);

/**
 * Automation rules (Chatwoot's AutomationRule). `conditions` is Chatwoot's flat list;
 * `conditionTree` is the nested AND/OR form Postdesk evaluates (derived from the flat list when a
 * client sends only that). A failing action is counted on the rule (`failureCount`, `lastError`);
 * a rule is never switched off by the system.
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    eventName: text().notNull(),
    conditions: jsonb().$type<Record<string, unknown>[]>().notNull().default([]),
    conditionTree: jsonb().$type<Record<string, unknown>>(),
    actions: jsonb().$type<StoredAction[]>().notNull(),
    active: boolean().notNull().default(true),
    /** Time-based events only: minutes waiting without a reply, or pending, before the rule fires. */
    thresholdMinutes: integer(),
    /** Who made it: outgoing messages a rule sends are written in this agent's name. */
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    failureCount: integer().notNull().default(0),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automation_rules_account_idx").on(t.accountId, t.active, t.eventName), unique("automation_rules_account_id_id_key").on(t.accountId, t.id)],
);

/**
 * Every event a rule was evaluated on (the dry run replays the last ones). `eventKey` is the
 * event's id (a sent event's id, or the time sweep's rule+conversation+anchor), unique per
 * account: a retried or duplicated event is evaluated once.
 */
export const automationEvents = pgTable(
  "automation_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    eventKey: text().notNull(),
    eventName: text().notNull(),
    conversationId: integer(),
    messageId: bigint({ mode: "number" }),
    changedAttributes: jsonb().$type<Record<string, unknown>>(),
    /** How many rule actions led to this event (0: a person or the mail import). */
    depth: integer().notNull().default(0),
    /** The rules whose actions caused it. */
    causedByRuleIds: jsonb().$type<number[]>().notNull().default([]),
    /**
     * Why each active rule of the event's kind did not fire on it ({rule id: reason}), written once
     * per batch: a not-matched run row per rule per event made evaluation cost grow with the rules.
     */
    notMatched: jsonb().$type<Record<string, string>>(),
    /** Set when an evaluation run claims it; pending events have none. */
    processedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("automation_events_key").on(t.accountId, t.eventKey), index("automation_events_name_idx").on(t.accountId, t.eventName, t.id),
    index("automation_events_pending_idx").on(t.accountId, t.id).where(sql`${t.processedAt} is null`),
  ],
);

export const automationRunOutcome = pgEnum("automation_run_outcome", ["fired", "not_matched", "failed", "limited"]);

/** One rule on one event: fired (with each action's result), did not match (and why), failed, or held back by a loop limit. */
export const automationRuleRuns = pgTable(
  "automation_rule_runs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    ruleId: integer().notNull(),
    eventId: bigint({ mode: "number" }).notNull(),
    conversationId: integer(),
    displayId: integer(),
    outcome: automationRunOutcome().notNull(),
    reason: text().notNull(),
    actions: jsonb().$type<{ action: string; status: "done" | "failed" | "skipped"; detail?: string }[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("automation_rule_runs_event_key").on(t.ruleId, t.eventId),
    foreignKey({ columns: [t.accountId, t.ruleId], foreignColumns: [automationRules.accountId, automationRules.id] }).onDelete("cascade"),
    index("automation_rule_runs_rule_idx").on(t.accountId, t.ruleId, t.id),
    index("automation_rule_runs_conversation_idx").on(t.accountId, t.conversationId, t.createdAt),
  ],
);

export type Macro = typeof macros.$inferSelect;
export type AutomationRule = typeof automationRules.$inferSelect;
export type AutomationRuleRun = typeof automationRuleRuns.$inferSelect;
