import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { inboxes } from "./inboxes";

/**
 * Outgoing integrations (lib/integrations): account webhooks, and the deliveries of events to
 * every target kind (webhooks, API-channel callbacks, agent bots). See lib/integrations/README.md.
 */

/** An account webhook, as in Chatwoot's Settings → Integrations → Webhooks. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    name: text(),
    url: text().notNull(),
    /** Chatwoot's event names (lib/integrations/events.ts). */
    subscriptions: text().array().notNull().default(sql`'{}'::text[]`),
    /** Only events of this inbox (null: every inbox, and the account-wide contact events). */
    inboxId: integer(),
    /** The signing secret (whsec_…), encrypted at rest (lib/crypto/secrets.ts). */
    secret: text().notNull(),
    /** The secret before the last rotation: still signs until previousSecretExpiresAt. */
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    /** Set when deliveries kept failing for days; nothing is sent until an administrator re-enables it. */
    disabledAt: timestamp({ withTimezone: true }),
    disabledReason: text(),
    /** Since when every delivery has failed for good (null after any success). */
    failingSince: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("webhooks_account_id_key").on(t.accountId, t.id),
    index("webhooks_account_idx").on(t.accountId),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export const integrationDeliveryStatus = pgEnum("integration_delivery_status", ["pending", "delivering", "succeeded", "failed"]);

/**
 * One event for one target: the body is built once and every attempt sends the very same bytes
 * with the same id (X-Chatwoot-Delivery, webhook-id), so receivers can de-duplicate. Targets are
 * not foreign keys: several kinds share the table, and the log outlives a deleted target until
 * its account goes.
 */
export const integrationDeliveries = pgTable(
  "integration_deliveries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** The public delivery id: msg_<random>, the same on every attempt and redelivery. */
    deliveryId: text().notNull(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    targetType: text().$type<"webhook" | "api_inbox" | "agent_bot">().notNull(),
    targetId: integer().notNull(),
    /** The integration event (lib/jobs integrations/event.emitted id) this delivery came from: fan-out is idempotent. */
    sourceEventId: text().notNull(),
    event: text().notNull(),
    /** For per-conversation ordering and for the bots' handoff; null for contact events. */
    conversationId: integer(),
    body: text().notNull(),
    status: integrationDeliveryStatus().notNull().default("pending"),
    /** Attempts in the current round (a redelivery starts a new round); decides the next delay. */
    roundAttempts: integer().notNull().default(0),
    attempts: integer().notNull().default(0),
    round: integer().notNull().default(1),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    isTest: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("integration_deliveries_delivery_id_key").on(t.deliveryId),
    unique("integration_deliveries_source_key").on(t.sourceEventId, t.targetType, t.targetId),
    index("integration_deliveries_target_idx").on(t.accountId, t.targetType, t.targetId, t.createdAt.desc(), t.id.desc()),
    index("integration_deliveries_status_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Each HTTP attempt of a delivery, for the delivery log. */
export const integrationDeliveryAttempts = pgTable(
  "integration_delivery_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    deliveryRowId: bigint({ mode: "number" })
      .notNull()
      .references(() => integrationDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    statusCode: integer(),
    latencyMs: integer().notNull(),
    /** The first bytes of the answer, as text. */
    responseExcerpt: text(),
    /** What went wrong, in words; null when the receiver accepted it. */
    error: text(),
    succeeded: boolean().notNull().default(false),
    /** Headers sent (signatures included), to show in the log. */
    requestHeaders: jsonb().$type<Record<string, string>>(),
  },
  (t) => [index("integration_delivery_attempts_delivery_idx").on(t.deliveryRowId, t.attempt)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type IntegrationDelivery = typeof integrationDeliveries.$inferSelect;
export type IntegrationDeliveryAttempt = typeof integrationDeliveryAttempts.$inferSelect;
