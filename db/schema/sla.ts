import { sql } from "drizzle-orm";
import { bigserial, boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { conversations } from "./conversations";

/**
 * SLA policies (Chatwoot's SlaPolicy): targets in seconds, each optional. With
 * `onlyDuringBusinessHours` the clock runs only inside the conversation's inbox business hours
 * (lib/sla/timers.ts), holidays included.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    firstResponseSeconds: integer(),
    nextResponseSeconds: integer(),
    resolutionSeconds: integer(),
    onlyDuringBusinessHours: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("sla_policies_account_id_id_key").on(t.accountId, t.id), index("sla_policies_account_idx").on(t.accountId)],
);

export const slaStatus = pgEnum("sla_status", ["active", "hit", "missed", "active_with_misses"]);
export const slaEventType = pgEnum("sla_event_type", ["frt", "nrt", "rt"]);

/**
 * The policy a conversation is under (one at a time: applying another replaces it) and its
 * timers, kept by lib/sla/evaluate.ts: the due times are stored so the list reads them with the
 * row and the client counts down without asking; `nextDueAt` is the earliest one still running.
 */
export const appliedSlas = pgTable(
  "applied_slas",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: integer().notNull(),
    slaPolicyId: integer().notNull(),
    status: slaStatus().notNull().default("active"),
    frtDueAt: timestamp({ withTimezone: true }),
    nrtDueAt: timestamp({ withTimezone: true }),
    rtDueAt: timestamp({ withTimezone: true }),
    /** Which targets are met (hit) or missed so far: {frt: "hit"|"missed", nrt: …, rt: …}. */
    outcomes: jsonb().$type<Partial<Record<"frt" | "nrt" | "rt", "hit" | "missed">>>().notNull().default({}),
    /** The earliest due time still running; null when nothing runs (the sweep skips it). */
    nextDueAt: timestamp({ withTimezone: true }),
    /**
     * When the conversation was last reopened after its SLA ended (hit or missed): the resolution
     * and next-response clocks count from then (lib/sla/timers.ts); null: never reopened.
     */
    restartedAt: timestamp({ withTimezone: true }),
    /** Set once any target was missed (the list's "SLA breached" filter). */
    breachedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applied_slas_conversation_key").on(t.accountId, t.conversationId),
    unique("applied_slas_account_id_id_key").on(t.accountId, t.id),
    index("applied_slas_policy_idx").on(t.accountId, t.slaPolicyId),
    // The sweep's walk: only SLAs still running (lib/sla/evaluate.ts).
    index("applied_slas_running_idx").on(t.nextDueAt, t.id).where(sql`${t.status} in ('active', 'active_with_misses')`),
    index("applied_slas_breached_idx").on(t.accountId, t.breachedAt).where(sql`${t.breachedAt} is not null`),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.slaPolicyId], foreignColumns: [slaPolicies.accountId, slaPolicies.id] }).onDelete("cascade"),
  ],
);

/**
 * A missed target (Chatwoot's SlaEvent): one per applied SLA, policy, type and due time, so a
 * breach is recorded, notified and raised to rules once however many sweeps see it.
 */
export const slaEvents = pgTable(
  "sla_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    appliedSlaId: integer().notNull(),
    conversationId: integer().notNull(),
    inboxId: integer().notNull(),
    slaPolicyId: integer().notNull(),
    eventType: slaEventType().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    meta: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sla_events_breach_key").on(t.appliedSlaId, t.slaPolicyId, t.eventType, t.dueAt),
    index("sla_events_conversation_idx").on(t.accountId, t.conversationId),
    foreignKey({ columns: [t.accountId, t.appliedSlaId], foreignColumns: [appliedSlas.accountId, appliedSlas.id] }).onDelete("cascade"),
  ],
);

export type SlaPolicy = typeof slaPolicies.$inferSelect;
export type AppliedSla = typeof appliedSlas.$inferSelect;
export type SlaEvent = typeof slaEvents.$inferSelect;
